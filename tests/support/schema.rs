//! A small JSON Schema (2020-12) validator for the keywords `schemas/` uses, so tests can check
//! real outputs against the documented contract without a heavy dependency. A keyword it does not
//! know is an error, so the schemas cannot silently use something unchecked.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// Keywords that carry no constraint.
const ANNOTATIONS: [&str; 5] = ["$schema", "$id", "title", "description", "$defs"];

pub struct Schema {
    dir: PathBuf,
    root: Value,
}

impl Schema {
    /// Loads `schemas/<name>` of this repository.
    pub fn load(name: &str) -> Schema {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
        let text = std::fs::read_to_string(dir.join(name))
            .unwrap_or_else(|e| panic!("schemas/{name}: {e}"));
        let root = serde_json::from_str(&text).unwrap_or_else(|e| panic!("schemas/{name}: {e}"));
        Schema { dir, root }
    }

    /// All violations of `value`, each with its JSON path; empty when valid.
    pub fn validate(&self, value: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.check(&self.root, &self.root, value, "$", &mut errors);
        errors
    }

    /// Panics with every violation when `value` is not valid.
    pub fn assert_valid(&self, value: &Value, what: &str) {
        let errors = self.validate(value);
        assert!(
            errors.is_empty(),
            "{what} does not match the schema:\n  {}",
            errors.join("\n  ")
        );
    }

    fn resolve(&self, doc: &Value, reference: &str) -> (Value, Value) {
        let (file, pointer) = reference.split_once('#').unwrap_or((reference, ""));
        let target_doc = if file.is_empty() {
            doc.clone()
        } else {
            let text = std::fs::read_to_string(self.dir.join(file))
                .unwrap_or_else(|e| panic!("$ref {reference}: {e}"));
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("$ref {reference}: {e}"))
        };
        let target = target_doc
            .pointer(pointer)
            .cloned()
            .unwrap_or_else(|| panic!("$ref {reference} not found"));
        (target_doc, target)
    }

    fn check(
        &self,
        doc: &Value,
        schema: &Value,
        value: &Value,
        path: &str,
        errors: &mut Vec<String>,
    ) {
        let Some(rules) = schema.as_object() else {
            return;
        };
        for (keyword, rule) in rules {
            match keyword.as_str() {
                k if ANNOTATIONS.contains(&k) => {}
                "$ref" => {
                    let (target_doc, target) = self.resolve(doc, rule.as_str().unwrap_or_default());
                    self.check(&target_doc, &target, value, path, errors);
                }
                "type" => {
                    let allowed: Vec<&str> = match rule {
                        Value::String(t) => vec![t.as_str()],
                        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                        _ => panic!("bad type rule at {path}"),
                    };
                    if !allowed.iter().any(|t| type_matches(t, value)) {
                        errors.push(format!("{path}: expected {allowed:?}, found {value}"));
                    }
                }
                "enum" => {
                    if !rule
                        .as_array()
                        .is_some_and(|options| options.contains(value))
                    {
                        errors.push(format!("{path}: {value} is not one of {rule}"));
                    }
                }
                "required" => {
                    if let Some(object) = value.as_object() {
                        for name in rule
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                        {
                            if !object.contains_key(name) {
                                errors.push(format!("{path}: missing required {name:?}"));
                            }
                        }
                    }
                }
                "properties" => {
                    if let (Some(object), Some(properties)) = (value.as_object(), rule.as_object())
                    {
                        for (name, sub) in properties {
                            if let Some(v) = object.get(name) {
                                self.check(doc, sub, v, &format!("{path}.{name}"), errors);
                            }
                        }
                    }
                }
                "additionalProperties" => {
                    let declared = rules.get("properties").and_then(Value::as_object);
                    if let (Some(object), Some(false)) = (value.as_object(), rule.as_bool()) {
                        for name in object.keys() {
                            if !declared.is_some_and(|d| d.contains_key(name)) {
                                errors.push(format!("{path}: undeclared property {name:?}"));
                            }
                        }
                    }
                }
                "items" => {
                    for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                        self.check(doc, rule, item, &format!("{path}[{i}]"), errors);
                    }
                }
                "minItems" => {
                    if let Some(items) = value.as_array() {
                        if (items.len() as u64) < rule.as_u64().unwrap_or(0) {
                            errors.push(format!("{path}: fewer than {rule} items"));
                        }
                    }
                }
                "minLength" => {
                    if let Some(s) = value.as_str() {
                        if (s.chars().count() as u64) < rule.as_u64().unwrap_or(0) {
                            errors.push(format!("{path}: shorter than {rule}"));
                        }
                    }
                }
                "minimum" | "maximum" => {
                    if let (Some(n), Some(limit)) = (value.as_f64(), rule.as_f64()) {
                        let bad = if keyword == "minimum" {
                            n < limit
                        } else {
                            n > limit
                        };
                        if bad {
                            errors.push(format!("{path}: {n} violates {keyword} {limit}"));
                        }
                    }
                }
                "pattern" => {
                    if let Some(s) = value.as_str() {
                        let re = regex::Regex::new(rule.as_str().unwrap_or_default())
                            .expect("schema pattern");
                        if !re.is_match(s) {
                            errors.push(format!("{path}: {s:?} does not match {rule}"));
                        }
                    }
                }
                "oneOf" | "anyOf" => {
                    let passing = rule
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter(|sub| {
                            let mut sub_errors = Vec::new();
                            self.check(doc, sub, value, path, &mut sub_errors);
                            sub_errors.is_empty()
                        })
                        .count();
                    let ok = if keyword == "oneOf" {
                        passing == 1
                    } else {
                        passing >= 1
                    };
                    if !ok {
                        errors.push(format!("{path}: {passing} alternatives of {keyword} match"));
                    }
                }
                other => panic!(
                    "schema keyword {other:?} at {path} is not supported by the test validator"
                ),
            }
        }
    }
}

fn type_matches(kind: &str, value: &Value) -> bool {
    match kind {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        _ => false,
    }
}
