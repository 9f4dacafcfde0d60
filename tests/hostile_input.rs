//! Files from anywhere: hostile sizes, shapes and numbers are handled or refused clearly,
//! never a panic or a hang.

use budget_workbench::store;
use proptest::prelude::*;

fn minimal_with(field_json: &str) -> String {
    format!(r#"{{"format":"1.0","meta":{{"department":"d"}},{field_json}}}"#)
}

#[test]
fn extreme_decimals_are_kept_as_text() {
    let text = minimal_with(
        r#""overview":{"expenditure":{
            "personnel":"123456789012345678901234567890",
            "public_admin":1e400,
            "projects":"-0",
            "total":-0.000000000000000000000000000001}}"#,
    );
    let ws = store::parse_str(&text, "x.json").expect("loads");
    let e = &ws.overview.expenditure;
    let personnel = e.personnel.as_ref().unwrap();
    assert_eq!(personnel.text(), "123456789012345678901234567890");
    assert_eq!(
        personnel.value(),
        None,
        "30 digits exceed exact decimals: no value, no panic"
    );
    // serde_json hands exponent numbers over as `1e+400`: kept as text, with no value.
    assert_eq!(e.public_admin.as_ref().unwrap().text(), "1e+400");
    assert_eq!(e.public_admin.as_ref().unwrap().value(), None);
    assert_eq!(e.projects.as_ref().unwrap().text(), "-0");
    let out = store::to_json(&ws);
    assert!(out.contains(r#""public_admin": "1e+400""#));
    assert!(out.contains(r#""total": "-0.000000000000000000000000000001""#));
    // The review still runs over such figures.
    let _ = budget_workbench::review::check(&ws);
}

#[test]
fn deep_nesting_is_refused_with_a_message() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let text = minimal_with(&format!(r#""zz":{deep}"#));
    let error = store::parse_str(&text, "deep.json").expect_err("too deep");
    assert!(error.message.contains("recursion limit"), "{error}");
}

#[test]
fn duplicate_keys_are_refused() {
    let text = r#"{"format":"1.0","meta":{"department":"a","department":"b"}}"#;
    let error = store::parse_str(text, "dup.json").expect_err("duplicate");
    assert!(error.message.contains("duplicate field"), "{error}");
}

#[test]
fn long_strings_and_many_rows_load() {
    let long = "长".repeat(10_000);
    let rows: Vec<String> = (0..100_000)
        .map(|i| format!(r#"{{"name":"指标{i}","value":"≥{i}%"}}"#))
        .collect();
    let text = minimal_with(&format!(
        r#""performance":{{"projects":[{{"code":"X","name":"{long}","indicators":[{}]}}]}}"#,
        rows.join(",")
    ));
    let ws = store::parse_str(&text, "big.json").expect("loads");
    assert_eq!(ws.performance.projects[0].indicators.len(), 100_000);
    assert_eq!(ws.performance.projects[0].name.chars().count(), 10_000);
    let findings = budget_workbench::review::check(&ws);
    // Every name differs (指标0 … 指标99999): none is reported as a repeat, and the check
    // stays linear in the rows (at most a few findings each, never one per pair).
    assert!(
        findings.iter().all(|f| f.rule != "id.duplicate_indicator"),
        "{:?}",
        findings.iter().find(|f| f.rule == "id.duplicate_indicator")
    );
    assert!(findings.len() <= 3 * 100_000 + 100, "{}", findings.len());
}

#[test]
fn control_characters_survive_a_round_trip() {
    let text = minimal_with(r#""notes":[{"text":"\u001b[2J\u0007\u202e\u200b\ufeff\u009b"}]"#);
    let ws = store::parse_str(&text, "esc.json").unwrap();
    assert_eq!(
        ws.notes[0].text,
        "\u{1b}[2J\u{7}\u{202e}\u{200b}\u{feff}\u{9b}"
    );
    let out = store::to_json(&ws);
    assert!(
        !out.contains('\u{1b}'),
        "escapes are written as \\u001b, never raw"
    );
    assert_eq!(store::parse_str(&out, "o").unwrap(), ws);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn loader_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = store::parse_bytes(&bytes, "fuzz.json");
    }

    #[test]
    fn loader_never_panics_on_mutated_workspaces(cut in 0usize..2000, insert in "[\\[\\]{}\",:0-9a-z\\\\ ]{0,8}") {
        let base = store::to_json(&budget_workbench::synth::generate(3, 1));
        let at = cut.min(base.len());
        let at = (0..=at).rev().find(|i| base.is_char_boundary(*i)).unwrap_or(0);
        let mutated = format!("{}{}{}", &base[..at], insert, &base[at..]);
        let _ = store::parse_str(&mutated, "fuzz.json");
    }
}

#[test]
fn pipes_and_devices_are_refused_not_read_forever() {
    let e = store::load(std::path::Path::new("/dev/zero")).expect_err("a device");
    assert!(e.message.contains("not a regular file"), "{e}");
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.json");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // Opening a FIFO for reading would block until a writer comes: it is refused before.
    let e = store::load(&fifo).expect_err("a pipe");
    assert!(e.message.contains("not a regular file"), "{e}");
}

#[test]
fn invisible_format_characters_are_escaped() {
    for c in [
        '\u{00AD}',
        '\u{180E}',
        '\u{2060}',
        '\u{2064}',
        '\u{206A}',
        '\u{206F}',
        '\u{E0041}',
    ] {
        let text = format!("a{c}b");
        let shown = budget_workbench::text::visible(&text);
        assert!(!shown.contains(c), "{c:?} shown raw: {shown}");
    }
}

#[test]
fn files_packed_with_tiny_values_are_refused_before_parsing() {
    let packed = format!(
        r#"{{"format":"1.0","meta":{{"department":"d"}},"zz":[{}]}}"#,
        vec!["1"; 300_000].join(",")
    );
    let e = store::parse_str(&packed, "packed.json").expect_err("refused");
    assert!(e.message.contains("JSON values in"), "{e}");
    // The same values with room around them, as real files have, load.
    let spaced = format!(
        r#"{{"format":"1.0","meta":{{"department":"d"}},"zz":[{}]}}"#,
        vec!["1     "; 300_000].join(",")
    );
    assert!(store::parse_str(&spaced, "spaced.json").is_ok());
}

#[test]
fn duplicate_keys_in_unknown_fields_are_refused() {
    for text in [
        r#"{"format":"1.0","meta":{"department":"d"},"zz":1,"zz":2}"#,
        r#"{"format":"1.0","meta":{"department":"d","x":{"a":1,"a":2}}}"#,
        r#"{"format":"1.0","meta":{"department":"d"},"zz":[{"b":[{"c":1,"c":1}]}]}"#,
    ] {
        let e = store::parse_str(text, "dup.json").expect_err(text);
        assert!(e.message.contains("duplicate key"), "{e}");
        assert!(e.line.is_some() && e.column.is_some(), "{e}");
    }
}

#[test]
fn a_document_of_the_wrong_shape_names_a_real_column() {
    for (text, place) in [("[]", (1, 1)), ("\n\n  []", (3, 3)), ("7", (1, 1))] {
        let e = store::parse_str(text, "x.json").expect_err(text);
        assert_eq!((e.line, e.column), (Some(place.0), Some(place.1)), "{e}");
    }
}
