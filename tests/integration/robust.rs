//! No hand edit can hang or crash a command (issue 15): property tests that edit the numbers of
//! the default template, and the texts of the default pack that feed layout, at random, then run
//! every printing command in process. Each run must finish (a watchdog fails the test after a
//! minute, so a hang shows as a failure instead of stalling CI), must not panic, and must either
//! succeed or stop with an error that says where: a located diagnostic in the file, or a
//! message naming the text that does not fit.

use crate::common::*;
use clap::Parser;
use proptest::prelude::*;
use securebase::Error;
use securebase::cli::Cli;
use securebase::config::{Config, Env};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// The printing commands, as arguments after the global ones.
const COMMANDS: &[&[&str]] = &[
    &["handout", "--domain", "acceptance", "--setting", "online"],
    &[
        "handout",
        "--domain",
        "all",
        "--setting",
        "office",
        "--fillable",
    ],
    &["handout", "--domain", "belonging", "--for", "supervision"],
    &["cards", "--setting", "hybrid"],
    &["cards", "--per-page", "4", "--setting", "office"],
    &["cards", "--calibration"],
    &["poster", "--size", "a3"],
    &["poster", "--size", "a2", "--tile", "a4"],
    &["poster", "--size", "screen"],
    &["slides", "--setting", "online", "--domain", "sensitivity"],
    &["pack", "--setting", "office", "-o", "unused"],
];

/// Runs one command in process on a thread with a watchdog. `Ok(None)` when it succeeded,
/// `Ok(Some(error))` when it stopped with an error, `Err` when it panicked or hung.
fn run_in_process(args: Vec<String>) -> Result<Option<Error>, String> {
    let (tx, rx) = mpsc::channel();
    let shown = args.join(" ");
    std::thread::spawn(move || {
        let result = std::panic::catch_unwind(|| {
            let cli = Cli::try_parse_from(&args).map_err(|e| e.to_string())?;
            let error = match Config::from_cli(cli, &Env::default()) {
                Ok(config) => securebase::commands::run(config, None).err(),
                Err(e) => Some(e),
            };
            Ok::<_, String>(error)
        });
        let _ = tx.send(result.map_err(|_| "panicked".to_string()).and_then(|r| r));
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(r) => r.map_err(|e| format!("{shown}: {e}")),
        Err(_) => Err(format!("{shown}: did not finish within a minute")),
    }
}

/// An error a user can act on: every diagnostic of a report names its file and line, and a
/// failure names what did not fit or which value is wrong.
fn is_actionable(e: &Error) -> bool {
    let text = e.to_string();
    match e {
        Error::Invalid(report) => {
            !report.0.is_empty()
                && report
                    .0
                    .iter()
                    .all(|d| d.location.is_some() || !d.is_error())
        }
        Error::Usage(_) | Error::Failed(_) => !text.trim().is_empty() && !text.contains("panicked"),
    }
}

/// Numbers for a template value: zero, negative, tiny, huge, not a number, infinite, ordinary.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("0".to_string()),
        Just("-1".to_string()),
        Just("0.0001".to_string()),
        Just("999999".to_string()),
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("-inf".to_string()),
        (1.0f32..60.0).prop_map(|v| format!("{v:.2}")),
    ]
}

/// The byte ranges of every number in a template's text (not in comments or strings).
fn number_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for (start, line) in text.split_inclusive('\n').scan(0, |at, l| {
        let s = *at;
        *at += l.len();
        Some((s, l))
    }) {
        let code = line.split("//").next().unwrap_or("");
        if code.contains('"') {
            continue;
        }
        let bytes = code.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            let prev_ok = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
            if c.is_ascii_digit() && prev_ok {
                let s = i;
                while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                    i += 1;
                }
                spans.push((start + s, start + i));
            } else {
                i += 1;
            }
        }
    }
    spans
}

fn check_all(dir: &Path, global: &[String]) -> Result<(), TestCaseError> {
    for cmd in COMMANDS {
        let mut args = vec!["securebase".to_string()];
        args.extend(global.iter().cloned());
        args.extend(cmd.iter().map(|s| s.to_string()));
        let _ = dir;
        match run_in_process(args) {
            Ok(None) => {}
            Ok(Some(e)) => prop_assert!(is_actionable(&e), "{cmd:?}: not actionable: {e}"),
            Err(why) => return Err(TestCaseError::fail(why)),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn edited_template_numbers_never_hang_or_crash(
        edits in prop::collection::vec((any::<prop::sample::Index>(), number()), 1..4),
        which in 0usize..3,
    ) {
        let name = ["a4", "letter", "large-print"][which];
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("packs/templates/{name}.ron")),
        ).expect("template");
        let spans = number_spans(&text);
        prop_assume!(!spans.is_empty());
        let mut chosen: Vec<(usize, usize, String)> = edits
            .iter()
            .map(|(i, v)| { let (s, e) = spans[i.index(spans.len())]; (s, e, v.clone()) })
            .collect();
        chosen.sort_by_key(|c| std::cmp::Reverse(c.0));
        chosen.dedup_by_key(|c| c.0);
        let mut edited = text.clone();
        for (s, e, v) in &chosen {
            edited.replace_range(*s..*e, v);
        }
        let dir = temp_dir("robust_template");
        let file = dir.join("my.ron");
        std::fs::write(&file, &edited).expect("write");
        check_all(&dir, &["--template".to_string(), file.display().to_string()])?;
    }

    #[test]
    fn long_or_empty_pack_texts_never_hang_or_crash(
        repeat in prop_oneof![Just(0usize), 1usize..4, 20usize..60],
        field in 0usize..5,
    ) {
        let pack = copy_default_pack("robust_pack");
        let file = pack.join("domains/sensitivity.ron");
        let text = std::fs::read_to_string(&file).expect("read");
        let (key, old) = match field {
            0 => ("name: \"", "Sensitivity"),
            1 => ("belief: \"", "My feelings are manageable"),
            2 => ("text: \"", ""),
            3 => ("summary: \"", ""),
            _ => ("follow_up: \"", ""),
        };
        let start = text.find(key).expect("field") + key.len();
        let end = start + text[start..].find('"').expect("end");
        let value = if old.is_empty() { text[start..end].to_string() } else { old.to_string() };
        let new = vec![value; repeat].join(" ");
        let mut edited = text.clone();
        edited.replace_range(start..end, &new);
        std::fs::write(&file, edited).expect("write");
        let dir = pack.parent().expect("dir").to_path_buf();
        check_all(&dir, &["--pack".to_string(), pack.display().to_string()])?;
    }
}
