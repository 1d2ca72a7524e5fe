//! `factlint schema [rules|config] [--write DIR]`: the JSON Schemas editors use to complete
//! and check rule files and `factlint.toml`.

use std::io::{self, Write};

use anyhow::Context as _;

use super::ExitStatus;
use super::args::{SchemaArgs, SchemaKind};
use factlint::schema;

/// Runs `factlint schema`.
///
/// # Errors
/// Output and file I/O errors.
pub fn run(args: &SchemaArgs) -> anyhow::Result<ExitStatus> {
    if let Some(dir) = &args.write {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create `{}`", dir.display()))?;
        for (name, value) in [
            ("rules.schema.json", schema::rules_schema()),
            ("factlint.schema.json", schema::config_schema()),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, schema::to_text(&value))
                .with_context(|| format!("cannot write `{}`", path.display()))?;
        }
        return Ok(ExitStatus::Success);
    }
    let value = match args.kind {
        SchemaKind::Rules => schema::rules_schema(),
        SchemaKind::Config => schema::config_schema(),
    };
    let mut stdout = io::stdout().lock();
    stdout.write_all(schema::to_text(&value).as_bytes())?;
    stdout.flush()?;
    Ok(ExitStatus::Success)
}
