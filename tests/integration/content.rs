//! The default pack's content 1.1 (issue 12): the counts that make the supervision sheet, the
//! core set and hybrid questions work, and questions that ask one thing at a glance.

use securebase::pack::{Part, Setting, builtin, select};

/// A question asks two things when it has two question marks, or joins a second question with
/// "and" or "or" (", and how did you let them know?").
fn asks_two(text: &str) -> bool {
    const SECOND: [&str; 16] = [
        "how", "what", "who", "whose", "why", "where", "when", "which", "do", "does", "did", "is",
        "are", "would", "could", "can",
    ];
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    text.matches('?').count() > 1
        || words
            .windows(2)
            .any(|w| (w[0] == "and" || w[0] == "or") && SECOND.contains(&w[1].as_str()))
}

#[test]
fn supervision_questions_fill_a_one_page_sheet_for_every_setting() {
    let pack = builtin().expect("pack");
    let total: usize = pack.domains.iter().map(|d| d.supervision.len()).sum();
    assert!(total >= 80, "{total} supervision questions");
    for d in &pack.domains {
        assert!(
            d.supervision.len() >= 16,
            "{}: {}",
            d.id,
            d.supervision.len()
        );
        for s in Setting::ALL {
            let n = |part| {
                d.supervision
                    .iter()
                    .filter(|q| q.part == part && q.settings.contains(&s))
                    .count()
            };
            assert!((3..=5).contains(&n(Part::Before)), "{} {s}: before", d.id);
            assert!(
                (5..=8).contains(&n(Part::Together)),
                "{} {s}: together",
                d.id
            );
        }
        // Remote supervision has questions of its own.
        assert!(
            d.supervision
                .iter()
                .any(|q| !q.settings.contains(&Setting::Office)),
            "{}: no remote-only supervision question",
            d.id
        );
    }
}

#[test]
fn hybrid_only_questions_and_the_core_set() {
    let pack = builtin().expect("pack");
    let mut hybrid_only = 0;
    for d in &pack.domains {
        for (si, st) in pack.stages.iter().enumerate() {
            let n = d
                .questions
                .iter()
                .filter(|q| q.stage == Some(si) && q.settings == [Setting::Hybrid])
                .count();
            assert!(n >= 2, "{} {}: {n} hybrid-only", d.id, st.id);
            hybrid_only += n;
            for s in [Setting::Online, Setting::Hybrid] {
                let core = select::questions(&pack, d, s, Some(si))
                    .iter()
                    .filter(|q| q.core)
                    .count();
                assert_eq!(core, 2, "{} {} {s}: core", d.id, st.id);
            }
        }
        let office_core = select::questions(&pack, d, Setting::Office, None)
            .iter()
            .filter(|q| q.core)
            .count();
        assert_eq!(office_core, 3, "{}: office core", d.id);
    }
    assert!(hybrid_only >= 40, "{hybrid_only} hybrid-only questions");
}

#[test]
fn one_question_one_ask_and_short() {
    let pack = builtin().expect("pack");
    let qs: Vec<_> = pack.domains.iter().flat_map(|d| &d.questions).collect();
    let two: Vec<&str> = qs
        .iter()
        .filter(|q| asks_two(&q.text))
        .map(|q| q.id.as_str())
        .collect();
    assert!(
        two.len() * 10 <= qs.len(),
        "{} of {} ask two things: {two:?}",
        two.len(),
        qs.len()
    );
    let words: usize = qs.iter().map(|q| q.text.split_whitespace().count()).sum();
    let mean = words as f32 / qs.len() as f32;
    assert!(mean <= 17.0, "mean length {mean:.1} words");
    assert!(asks_two("What went well, and how did you let them know?"));
    assert!(!asks_two("Who do you turn to when a visit goes badly?"));
}

#[test]
fn every_domain_asks_about_minoritised_colleagues_online_and_hybrid() {
    let pack = builtin().expect("pack");
    for d in &pack.domains {
        for s in [Setting::Online, Setting::Hybrid] {
            let asked = select::questions(&pack, d, s, None).iter().any(|q| {
                let t = format!("{} {}", q.text, q.follow_up.as_deref().unwrap_or(""));
                t.to_lowercase().contains("minoritised")
            });
            assert!(
                asked,
                "{} {s}: no question about minoritised colleagues",
                d.id
            );
        }
    }
}
