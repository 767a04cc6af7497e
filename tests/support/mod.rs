//! Helpers shared by the integration tests.

#![allow(dead_code)]

pub mod cases;
pub mod mutate;
pub mod portal;
pub mod schema;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the built `tintuc` binary with `args`, feeding `stdin`, in `dir` (the repository root when
/// `None`).
pub fn tintuc(args: &[&str], stdin: Option<&[u8]>, dir: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tintuc"));
    command
        .args(args)
        .current_dir(dir.map(Path::to_path_buf).unwrap_or_else(root));
    command.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().expect("run tintuc");
    if let Some(bytes) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().expect("stdin");
        // The program may exit (a usage error) before reading its input: a closed pipe is fine.
        let _ = pipe.write_all(bytes);
    }
    child.wait_with_output().expect("wait for tintuc")
}

/// Like [`tintuc`], and asserts that the program succeeded, showing its stderr when not.
pub fn tintuc_ok(args: &[&str], stdin: Option<&[u8]>, dir: Option<&Path>) -> Output {
    let out = tintuc(args, stdin, dir);
    assert!(
        out.status.success(),
        "tintuc {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Parses JSONL output into values.
pub fn jsonl(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSONL line {l:?}: {e}")))
        .collect()
}

/// The text of the record field a mention points into (`caption` with its image index).
pub fn record_field_text(record: &Value, mention: &Value) -> Option<String> {
    let field = mention["field"].as_str()?;
    match field {
        "caption" => {
            let index = mention["caption"].as_u64()? as usize;
            record["images"][index]["caption"]
                .as_str()
                .map(str::to_string)
        }
        other => record[other].as_str().map(str::to_string),
    }
}

/// Checks that every mention's `text` is exactly its field's text between `start` and `end`
/// (code points). `field_text` maps a mention object to the text of its field.
pub fn assert_offsets_true(entities: &Value, field_text: &dyn Fn(&Value) -> Option<String>) {
    let mut mentions: Vec<&Value> = entities["dates"].as_array().into_iter().flatten().collect();
    for group in ["places", "people", "organizations"] {
        for item in entities[group].as_array().into_iter().flatten() {
            mentions.extend(item["mentions"].as_array().into_iter().flatten());
        }
    }
    for m in mentions {
        let text = field_text(m).unwrap_or_else(|| panic!("no field text for {m}"));
        let start = m["start"].as_u64().expect("start") as usize;
        let end = m["end"].as_u64().expect("end") as usize;
        let slice: String = text
            .chars()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect();
        assert_eq!(
            slice,
            m["text"].as_str().unwrap_or_default(),
            "offsets of {m}"
        );
    }
}
