//! Control characters out of every text a terminal or a CI log shows.
//!
//! A document, or a file name, from a stranger's pull request may hold terminal control
//! sequences: clear-screen, a window title (OSC 0), a hyperlink (OSC 8), BEL, backspace, a
//! carriage return that writes over the line. Shown raw they act on the reader's terminal,
//! `--color never` or not. Every human, concise and annotation report goes through
//! [`Escaping`], which shows each C0 control as its Unicode control picture (ESC as `␛`, CR as
//! `␍`: one column, like the character it stands for, so carets stay aligned), DEL as `␡`,
//! and each C1 control (U+0080–U+009F, which some terminals obey too) as `\u{9b}`. Line
//! breaks and tabs pass: they are the report's own layout. Colours still work: the escaping
//! sits above the colour writer, which writes its own sequences below it.

use std::borrow::Cow;
use std::io::{self, Write};

use codespan_reporting::term::termcolor::{ColorSpec, WriteColor};

/// A writer that escapes control characters in what passes through it.
#[derive(Debug)]
pub struct Escaping<W> {
    inner: W,
    /// A `0xC2` byte held back: with the next byte it may be a C1 control.
    pending_c2: bool,
}

impl<W> Escaping<W> {
    /// Escapes what is written to `inner`.
    pub fn new(inner: W) -> Escaping<W> {
        Escaping {
            inner,
            pending_c2: false,
        }
    }
}

/// What a byte that is a control character by itself is shown as.
fn picture(byte: u8) -> Option<char> {
    match byte {
        b'\n' | b'\t' => None,
        0x00..=0x1F => char::from_u32(0x2400 + u32::from(byte)),
        0x7F => Some('\u{2421}'),
        _ => None,
    }
}

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut clean = 0;
        let mut out = Vec::new();
        for (i, &b) in buf.iter().enumerate() {
            if self.pending_c2 {
                self.pending_c2 = false;
                if (0x80..=0x9F).contains(&b) {
                    out.extend_from_slice(format!("\\u{{{b:x}}}").as_bytes());
                } else {
                    out.push(0xC2);
                    out.push(b);
                }
                clean = i + 1;
                continue;
            }
            if b == 0xC2 {
                out.extend_from_slice(&buf[clean..i]);
                self.pending_c2 = true;
                clean = i + 1;
            } else if let Some(c) = picture(b) {
                out.extend_from_slice(&buf[clean..i]);
                let mut utf8 = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                clean = i + 1;
            }
        }
        if clean == 0 && !self.pending_c2 {
            // Nothing to escape (the common case): no copy.
            self.inner.write_all(buf)?;
        } else {
            out.extend_from_slice(&buf[clean..]);
            self.inner.write_all(&out)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.pending_c2 {
            self.pending_c2 = false;
            self.inner.write_all(&[0xC2])?;
        }
        self.inner.flush()
    }
}

impl<W: WriteColor> WriteColor for Escaping<W> {
    fn supports_color(&self) -> bool {
        self.inner.supports_color()
    }

    fn set_color(&mut self, spec: &ColorSpec) -> io::Result<()> {
        self.inner.set_color(spec)
    }

    fn reset(&mut self) -> io::Result<()> {
        self.inner.reset()
    }
}

/// `text` with its control characters escaped as [`Escaping`] does (for one line of text,
/// such as an error message naming a file).
pub fn escape_str(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(text.len() + 8);
    let mut writer = Escaping::new(&mut out);
    // Writing to a Vec cannot fail.
    let _ = writer.write_all(text.as_bytes());
    let _ = writer.flush();
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(chunks: &[&[u8]]) -> String {
        let mut out = Vec::new();
        let mut w = Escaping::new(&mut out);
        for chunk in chunks {
            w.write_all(chunk).unwrap();
        }
        w.flush().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn controls_become_pictures_layout_stays() {
        let text = "a\x1b[2Jb\x1b]0;title\x07c\x08d\re\x7f\tf\ng";
        assert_eq!(
            escaped(&[text.as_bytes()]),
            "a\u{241b}[2Jb\u{241b}]0;title\u{2407}c\u{2408}d\u{240d}e\u{2421}\tf\ng"
        );
        assert_eq!(escape_str(text), escaped(&[text.as_bytes()]));
        assert!(matches!(escape_str("plain é text\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn c1_controls_are_escaped_even_split_across_writes() {
        let csi = "x\u{9b}2Jy";
        assert_eq!(escaped(&[csi.as_bytes()]), "x\\u{9b}2Jy");
        let bytes = csi.as_bytes();
        assert_eq!(escaped(&[&bytes[..2], &bytes[2..]]), "x\\u{9b}2Jy");
        // Other two-byte characters that start with 0xC2 pass whole, split or not.
        let nbsp = "a\u{a0}b\u{a9}";
        assert_eq!(escaped(&[nbsp.as_bytes()]), nbsp);
        let b = nbsp.as_bytes();
        assert_eq!(escaped(&[&b[..2], &b[2..]]), nbsp);
        // A 0xC2 at the very end is flushed as it was.
        let mut out = Vec::new();
        let mut w = Escaping::new(&mut out);
        w.write_all(b"z\xC2").unwrap();
        w.flush().unwrap();
        assert_eq!(out, b"z\xC2");
    }
}
