//! Work side by side on every core, with results in a fixed order.
//!
//! A pack's files do not depend on each other once the guide knows their page counts, and a
//! trainer's machine has two cores or more. [`map`] hands items to one thread per core, each
//! taking the next item as it finishes the last, and gives the results back in the order of the
//! items, whatever order they finish in, so the output never depends on timing.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads to use for `jobs` pieces of work: one per core, at most one per job.
pub fn threads(jobs: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs)
        .max(1)
}

/// `f` applied to every item, side by side, in the order of `items`. Items are taken in the
/// order of `order` when given (the biggest first, so no core is left alone with a big one at
/// the end), else in their own order. A worker that panics leaves `None` in its place, so the
/// caller can say so instead of stopping the process.
pub fn map<T: Sync, R: Send>(
    items: &[T],
    order: Option<&[usize]>,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<Option<R>> {
    let threads = threads(items.len());
    if threads <= 1 {
        return items.iter().map(|t| Some(f(t))).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    let pick = |k: usize| match order {
        Some(o) => o.get(k).copied(),
        None => (k < items.len()).then_some(k),
    };
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                while let Some(i) = pick(next.fetch_add(1, Ordering::Relaxed)) {
                    let Some(item) = items.get(i) else { break };
                    let r = f(item);
                    if let Ok(mut all) = results.lock() {
                        all[i] = Some(r);
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The indices of `sizes` from the biggest to the smallest (ties in index order).
pub fn biggest_first(sizes: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let mut order: Vec<(usize, usize)> =
        sizes.into_iter().enumerate().map(|(i, n)| (n, i)).collect();
    order.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    order.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items_whatever_order_they_run_in() {
        let items: Vec<u64> = (0..50).collect();
        let order = biggest_first(items.iter().map(|&n| (n % 7) as usize));
        let out = map(&items, Some(&order), |&n| {
            // Uneven work, so the threads finish out of order.
            std::thread::sleep(std::time::Duration::from_micros((n % 5) * 200));
            n * n
        });
        let out: Vec<u64> = out.into_iter().map(|r| r.expect("ran")).collect();
        assert_eq!(out, items.iter().map(|n| n * n).collect::<Vec<_>>());
    }

    #[test]
    fn biggest_first_sorts_by_size_then_index() {
        assert_eq!(biggest_first([3, 9, 3, 1, 9]), vec![1, 4, 0, 2, 3]);
    }

    #[test]
    fn an_empty_list_gives_an_empty_list() {
        assert!(map(&[] as &[u8], None, |&b| b).is_empty());
    }
}
