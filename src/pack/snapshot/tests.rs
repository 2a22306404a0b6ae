use super::*;

/// The checked built-in pack, read from its files.
fn from_files() -> Pack {
    let loaded = super::super::validate::load_files(&PackSource::Builtin);
    assert!(
        loaded.report.0.is_empty(),
        "the built-in pack must load without a message:\n{}",
        loaded.report
    );
    loaded.pack.expect("the built-in pack loads")
}

#[test]
fn the_snapshot_is_the_built_in_pack_read_from_its_files() {
    let pack = from_files();
    let bytes = encode(&pack);
    // `assert!`, not `assert_eq!`: a pack's debug form quotes every file it points into.
    assert!(
        decode(&bytes).as_ref() == Some(&pack),
        "the snapshot loses part of the pack"
    );
    if bytes != SNAPSHOT {
        if std::env::var_os("SECUREBASE_BLESS").is_some() {
            std::fs::write(SNAPSHOT_PATH, &bytes).expect("write the snapshot");
            eprintln!("wrote {SNAPSHOT_PATH}; the next build uses it");
            return;
        } else {
            panic!(
                "src/pack/snapshot/builtin.snapshot is out of date: the built-in pack or the code \
                 that checks it has changed. Make it again with \
                 `SECUREBASE_BLESS=1 cargo test snapshot` and commit it."
            );
        }
    }
    assert!(
        builtin().as_ref() == Some(&pack),
        "the snapshot does not decode"
    );
}

#[test]
fn a_snapshot_for_other_inputs_or_cut_short_is_not_used() {
    let good = encode(&from_files());
    let mut other = good.clone();
    other[MAGIC.len()] ^= 1;
    assert!(decode(&other).is_none(), "another hash");
    assert!(decode(&good[..good.len() - 1]).is_none(), "cut short");
    let mut longer = good.clone();
    longer.push(0);
    assert!(decode(&longer).is_none(), "bytes left over");
    assert!(decode(b"").is_none());
}

#[test]
fn locations_from_the_snapshot_quote_the_same_line() {
    let fresh = from_files();
    let pack = decode(&encode(&fresh)).expect("the snapshot decodes");
    let q = &pack.domains[0].questions[3];
    let fresh = &fresh.domains[0].questions[3];
    assert_eq!(q.location.source_line(), fresh.location.source_line());
    assert!(
        q.location
            .source_line()
            .is_some_and(|l| l.contains("text:"))
    );
}
