//! Every printed word comes from the pack: `labels.ron` and `guide.ron` are checked like every
//! other file, and a pack whose every text is "in another language" prints no English from the
//! code in any output.

use crate::common::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Breaks a copy of the default pack with `edits` (file, from, to) and runs `check` on it.
fn check_broken(name: &str, edits: &[(&str, &str, &str)]) -> (i32, String) {
    let pack = copy_default_pack(name);
    for (file, from, to) in edits {
        edit(&pack.join(file), from, to);
    }
    let r = run_in(pack.parent().expect("parent"), &["check", "pack"]);
    (r.code, r.stderr)
}

#[test]
fn unknown_label_with_did_you_mean() {
    let (code, err) = check_broken(
        "label_unknown",
        &[("labels.ron", "\"handout.notes\":", "\"handout.ntoes\":")],
    );
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: unknown label `handout.ntoes`, did you mean `handout.notes`?\n  --> pack/labels.ron:24:6\n   |\n24 |     \"handout.ntoes\": \"Notes and agreed actions\",\n   |      ^^^^^^^^^^^^^\nhelp: the default pack's labels.ron lists every label a pack can set\n\n\
         error: 1 label is missing: `handout.notes`\n  --> pack/labels.ron:1:1\n  |\n1 | // Every printed word that is not a question, a domain or the facilitator guide (see guide.ron).\n  | ^\nhelp: copy them from the default pack's labels.ron (`securebase init DIR --from default`) and translate them\n\n\
         error: pack `pack` has 2 errors\n"
    );
}

#[test]
fn missing_labels_are_counted() {
    let (code, err) = check_broken(
        "label_missing",
        &[
            ("labels.ron", "    \"plan.who\": \"Who\",\n", ""),
            ("labels.ron", "    \"tiles.glue\": \"glue\",\n", ""),
        ],
    );
    assert_eq!(code, 1);
    assert!(
        err.starts_with(
            "error: 2 labels are missing: `plan.who`, `tiles.glue`\n  --> pack/labels.ron:1:1\n"
        ),
        "{err}"
    );
}

#[test]
fn unknown_placeholder_in_a_label() {
    let (code, err) = check_broken(
        "label_placeholder",
        &[(
            "labels.ron",
            "Page {page} of {pages}",
            "Page {pgae} of {pages}",
        )],
    );
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: unknown placeholder `{pgae}` in label `footer.page`, did you mean `{page}`?\n  --> pack/labels.ron:20:26\n   |\n20 |     \"footer.page\": \"Page {pgae} of {pages}\",\n   |                          ^^^^^^\nhelp: `footer.page` can use `{page}` or `{pages}`\n\n\
         error: pack `pack` has 1 error\n"
    );
}

#[test]
fn guide_errors_are_located() {
    let (code, err) = check_broken(
        "guide_errors",
        &[
            ("guide.ron", "{domain:lower} cards", "{domian:lower} cards"),
            (
                "guide.ron",
                "Slot(minutes: 30, text:",
                "Slot(minutes: 30, txt:",
            ),
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: unknown field `txt` in Slot, did you mean `text`?\n  --> pack/guide.ron:132:35\n    |\n132 |                 Slot(minutes: 30, txt: \"**Opening with the poster.** Welcome everyone, agree how the day will run, and walk through the poster: the five ways a team can be a secure base and the belief each one builds.\"),\n    |                                   ^^^\nhelp: a Slot has the fields `minutes` or `text`\n\n\
         error: pack `pack` has 1 error\n"
    );
    let (code, err) = check_broken(
        "guide_placeholder",
        &[
            ("guide.ron", "{domain:lower} cards", "{domian:lower} cards"),
            ("guide.ron", "start: \"09:30\"", "start: \"9.30\""),
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: `9.30` is not a time of day in the form HH:MM\n  --> pack/guide.ron:130:21\n    |\n130 |             start: \"9.30\",\n    |                     ^^^^\nhelp: write the start of the day like \"09:30\"\n\n\
         error: unknown placeholder `{domian:lower}` in `EachDomain`, did you mean `{domain:lower}`?\n  --> pack/guide.ron:136:64\n    |\n136 |                     text: \"**{domain}.** Small groups take the {domian:lower} cards marked *core set*: there is time for those, not for all of them. They sort them into *going well*, *could be better* and *not sure*, then talk through two or three with the handout. Each group brings back one thing to keep and one to try.\",\n    |                                                                ^^^^^^^^^^^^^^\nhelp: `EachDomain` can use `{setting}`, `{setting_name}` or `{domain}`\n\n\
         error: pack `pack` has 2 errors\n"
    );
}

#[test]
fn guide_plan_must_give_every_domain_time() {
    let (code, err) = check_broken(
        "guide_plan",
        &[("guide.ron", "        online: (\n", "        onlin: (\n")],
    );
    assert_eq!(code, 1);
    assert!(
        err.starts_with("error: unknown field `onlin` in plans, did you mean `online`?\n"),
        "{err}"
    );
    let pack = copy_default_pack("guide_plan_2");
    let guide = pack.join("guide.ron");
    let text = std::fs::read_to_string(&guide).expect("read");
    let office = text.find("        office: (").expect("office plan");
    let online = text.find("        online: (").expect("online plan");
    std::fs::write(&guide, format!("{}{}", &text[..office], &text[online..])).expect("write");
    edit(
        &guide,
        "                EachDomain(\n",
        "                Slot(\n",
    );
    edit(
        &guide,
        "                    breaks: [\n                        (after: 1, minutes: 10, text: \"**Break** away from the screen.\"),\n                        (after: 2, minutes: 45, text: \"**Lunch** away from the screen.\"),\n                        (after: 3, minutes: 10, text: \"**Break.**\"),\n                        (after: 4, minutes: 10, text: \"**Break.**\"),\n                    ],\n",
        "",
    );
    edit(&guide, "after: 4", "after: 5");
    let r = run_in(pack.parent().expect("parent"), &["check", "pack"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.starts_with("error: guide.ron has no plan for `office` teams\n  --> pack/guide.ron:128:5\n    |\n128 |     plans: (\n    |     ^^^^^\nhelp: pack.ron declares `office`: add `office: (start: \"09:30\", slots: [...])` to `plans`\n\n\
         error: the plan for `online` teams gives the domains no time\n  --> pack/guide.ron:129:9\n"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("warning: the break after domain 5 never comes: the pack has 5 domains\n"),
        "{}",
        r.stderr
    );
}

/// The accented twin of each plain vowel: the mark of a word written by the test pack.
fn accent(c: char) -> char {
    match c {
        'a' => 'á',
        'e' => 'é',
        'i' => 'í',
        'o' => 'ó',
        'u' => 'ú',
        'A' => 'Á',
        'E' => 'É',
        'I' => 'Í',
        'O' => 'Ó',
        'U' => 'Ú',
        c => c,
    }
}

/// The words of `text`, in small letters, leaving out `{placeholders}` and `\` escapes.
fn words_of(text: &str, into: &mut BTreeSet<String>) {
    let mut word = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '{' => {
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
            }
            c if c.is_alphabetic() => {
                word.extend(c.to_lowercase());
                continue;
            }
            _ => {}
        }
        if !word.is_empty() {
            into.insert(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        into.insert(word);
    }
}

/// Rewrites the text of every string in a RON file that is printed: wrapped in «» with accented
/// vowels, `{placeholders}` and escapes kept. Ids, codes, colours, stages, times and the keys
/// of labels.ron stay. The words of the new texts go into `vocab`.
fn transform(ron: &str, vocab: &mut BTreeSet<String>) -> String {
    const KEEP: [&str; 8] = [
        "id", "code", "colour", "stage", "language", "version", "domains", "start",
    ];
    let mut out = String::new();
    let mut field = String::new();
    let mut ident = String::new();
    let mut it = ron.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == '/' && ron[i..].starts_with("//") {
            let end = ron[i..].find('\n').map_or(ron.len(), |n| i + n);
            out.push_str(&ron[i..end]);
            while it.peek().is_some_and(|(j, _)| *j < end) {
                it.next();
            }
            continue;
        }
        if c != '"' {
            match c {
                c if c.is_alphanumeric() || c == '_' => ident.push(c),
                ':' => field = std::mem::take(&mut ident),
                c if c.is_whitespace() || c == '[' => {}
                _ => ident.clear(),
            }
            out.push(c);
            continue;
        }
        let mut body = String::new();
        while let Some((_, c)) = it.next() {
            match c {
                '\\' => {
                    body.push(c);
                    body.extend(it.next().map(|(_, c)| c));
                }
                '"' => break,
                c => body.push(c),
            }
        }
        let rest = ron[i + 1 + body.len()..]
            .trim_start_matches('"')
            .trim_start();
        let is_key = rest.starts_with(':');
        if is_key || KEEP.contains(&field.as_str()) || body.is_empty() {
            out.push_str(&format!("\"{body}\""));
            continue;
        }
        let mut new = String::from("«");
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            new.push(accent(c));
            match c {
                '\\' => new.extend(chars.next()),
                '{' => {
                    for c in chars.by_ref() {
                        new.push(c);
                        if c == '}' {
                            break;
                        }
                    }
                }
                _ => {}
            }
        }
        new.push('»');
        words_of(&new, vocab);
        out.push_str(&format!("\"{new}\""));
    }
    out
}

/// The default pack with every printed text transformed, its id and domain codes changed to
/// letters that spell no word; and every word it prints.
fn other_language_pack(name: &str) -> (PathBuf, BTreeSet<String>) {
    let pack = copy_default_pack(name);
    let mut vocab = BTreeSet::new();
    for w in ["tst", "pck", "qb", "qc", "qd", "qf", "qg"] {
        vocab.insert(w.to_string());
    }
    let mut files = vec![
        "pack.ron".to_string(),
        "labels.ron".to_string(),
        "guide.ron".to_string(),
    ];
    let mut domains: Vec<String> = std::fs::read_dir(pack.join("domains"))
        .expect("domains")
        .flatten()
        .map(|e| format!("domains/{}", e.file_name().to_string_lossy()))
        .collect();
    domains.sort();
    files.extend(domains);
    let mut codes = ["QB", "QC", "QD", "QF", "QG"].into_iter();
    for f in &files {
        let path = pack.join(f);
        let mut text = std::fs::read_to_string(&path).expect("read");
        text = text.replace("id: \"team-secure-base\"", "id: \"tst-pck\"");
        if let Some(at) = text.find("code: \"") {
            let end = at + text[at + 7..].find('"').expect("code") + 8;
            text.replace_range(at..end, &format!("code: \"{}\"", codes.next().expect("5")));
        }
        std::fs::write(&path, transform(&text, &mut vocab)).expect("write");
    }
    (pack, vocab)
}

/// Words of `text` that are neither the test pack's nor in `allowed` (flags, file names).
fn english(text: &str, vocab: &BTreeSet<String>, allowed: &[&str]) -> Vec<String> {
    let mut bad = Vec::new();
    // Text extraction joins the cells of a table row: start a token at each opening «.
    for token in text.replace('«', " «").split_whitespace() {
        let core = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if allowed.contains(&core) || allowed.contains(&token) {
            continue;
        }
        let mut words = BTreeSet::new();
        words_of(&token.replace(['{', '}', '\\'], " "), &mut words);
        if words.iter().any(|w| !vocab.contains(w)) {
            bad.push(token.to_string());
        }
    }
    bad
}

/// The title, subject, keywords and author of a PDF, and its bookmarks.
fn metadata(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads it");
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .and_then(|r| doc.get_dictionary(r))
        .expect("an info dictionary");
    let mut out = Vec::new();
    for key in [&b"Title"[..], b"Subject", b"Keywords", b"Author"] {
        let value = info.get(key).expect("the field is set");
        out.push(lopdf::decode_text_string(value).expect("text"));
    }
    if let Ok(toc) = doc.get_toc() {
        out.extend(toc.toc.into_iter().map(|t| t.title));
    }
    out.join(" ")
}

/// Every word of every PDF under `dir`, its metadata, and its text files, checked.
fn check_outputs(dir: &Path, vocab: &BTreeSet<String>, allowed: &[&str], found: &mut Vec<String>) {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    for p in paths {
        let name = p.display().to_string();
        if p.is_dir() {
            check_outputs(&p, vocab, allowed, found);
        } else if name.ends_with(".pdf") {
            let bytes = std::fs::read(&p).expect("read");
            let text = format!("{} {}", all_text(&read_pdf(&bytes)), metadata(&bytes));
            for w in english(&text, vocab, allowed) {
                found.push(format!("{name}: {w}"));
            }
        } else if name.ends_with(".txt") && !name.ends_with("roster.txt") {
            let text = std::fs::read_to_string(&p).expect("read");
            for w in english(&text, vocab, allowed) {
                found.push(format!("{name}: {w}"));
            }
        }
    }
}

#[test]
fn another_language_leaves_no_english_from_the_code() {
    let (pack, mut vocab) = other_language_pack("other_language");
    let dir = pack.parent().expect("parent").to_path_buf();
    let team = "Tîm Gógledd";
    std::fs::write(dir.join("roster.txt"), "Ámira Khán\nZóë Ó'Néill\n").expect("roster");
    for w in [team, "Ámira Khán", "Zóë Ó'Néill"] {
        words_of(w, &mut vocab);
    }
    for sub in ["out", "cal"] {
        std::fs::create_dir_all(dir.join(sub)).expect("mkdir");
    }
    let checked = run_in(&dir, &["check", "pack"]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    let g = ["--pack", "pack", "--date", "2026-11-24"];
    let runs: [&[&str]; 14] = [
        &[
            "handout",
            "--domain",
            "acceptance",
            "--setting",
            "online",
            "--fillable",
            "-o",
            "out/fillable.pdf",
        ],
        &[
            "handout",
            "--domain",
            "acceptance",
            "--for",
            "supervision",
            "-o",
            "out/supervision.pdf",
        ],
        &["slides", "--team", team, "-o", "out/slides.pdf"],
        &["poster", "--size", "screen", "-o", "out/screen.pdf"],
        &[
            "handout",
            "--domain",
            "availability",
            "-o",
            "out/handout.pdf",
        ],
        &[
            "handout",
            "--domain",
            "all",
            "--setting",
            "office",
            "-o",
            "out/all.pdf",
        ],
        &["cards", "-o", "out/cards.pdf"],
        &["cards", "--calibration", "-o", "cal/long.pdf"],
        &[
            "cards",
            "--calibration",
            "--duplex",
            "short-edge",
            "--back-offset",
            "1.5,-0.5",
            "-o",
            "cal/short.pdf",
        ],
        &["poster", "--team", team, "-o", "out/poster.pdf"],
        &["poster", "--tile", "a4", "-o", "out/tiled.pdf"],
        &[
            "pack",
            "--setting",
            "online",
            "--print",
            "--team",
            team,
            "--participants",
            "roster.txt",
            "-o",
            "online",
        ],
        &[
            "pack",
            "--setting",
            "hybrid",
            "--participants",
            "roster.txt",
            "-o",
            "hybrid",
        ],
        &["pack", "--setting", "office", "-o", "office"],
    ];
    let mut table = String::new();
    for args in runs {
        let all: Vec<&str> = g.iter().chain(args).copied().collect();
        let r = run_in(&dir, &all);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        table.push_str(&r.stdout);
    }
    assert!(
        table.contains("«FÍLÉ»"),
        "the print table comes from the pack: {table}"
    );
    std::fs::write(dir.join("online/stdout.txt"), &table).expect("stdout");
    let papers = ["A0", "A1", "A2", "A3", "A4"];
    let mut found = Vec::new();
    check_outputs(&dir.join("out"), &vocab, &papers, &mut found);
    // The calibration sheet tells the reader a command to type; its words are the tool's own.
    let mut cli = papers.to_vec();
    cli.extend([
        "securebase",
        "cards",
        "--duplex",
        "short-edge",
        "long-edge",
        "--back-offset",
    ]);
    check_outputs(&dir.join("cal"), &vocab, &cli, &mut found);
    // The pack names its own files and folders in the guide, the print and send tables,
    // PRINT.txt and SEND.txt.
    let mut named: Vec<String> = [
        "00-facilitator-guide.pdf",
        "01-poster-a2.pdf",
        "01-poster-tiled-a4.pdf",
        "01-poster-screen.pdf",
        "02-handouts.pdf",
        "02-slides.pdf",
        "03-cue-cards.pdf",
        "03-action-plan.pdf",
        "04-action-plan.pdf",
        "PRINT.txt",
        "SEND.txt",
        "handouts",
        "personal",
        "remote/handouts",
    ]
    .map(String::from)
    .to_vec();
    for dir in ["", "print/", "remote/"] {
        for f in ["01-poster-a2", "01-poster-tiled-a4", "01-poster-screen"] {
            named.push(format!("{dir}{f}.pdf"));
        }
        named.extend([
            format!("{dir}02-slides.pdf"),
            format!("{dir}03-cue-cards.pdf"),
        ]);
        for d in [
            "availability",
            "sensitivity",
            "acceptance",
            "cooperation",
            "belonging",
        ] {
            named.push(format!("{dir}handouts/{d}.pdf"));
        }
    }
    for person in ["ámira-khán", "zóë-ó-néill"] {
        named.push(format!("handouts/{person}.pdf"));
        named.push(format!("personal/{person}.pdf"));
    }
    let mut files = papers.to_vec();
    files.extend(named.iter().map(String::as_str));
    check_outputs(&dir.join("online"), &vocab, &files, &mut found);
    check_outputs(&dir.join("hybrid"), &vocab, &files, &mut found);
    check_outputs(&dir.join("office"), &vocab, &files, &mut found);
    let found: BTreeSet<String> = found.into_iter().collect();
    assert!(
        found.is_empty(),
        "{} words not from the pack, for example:\n{}",
        found.len(),
        found
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
