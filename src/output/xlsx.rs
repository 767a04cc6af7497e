//! XLSX: one workbook, one sheet per table, written with `rust_xlsxwriter`: [`XlsxWriter`] for
//! rows of any [`Layout`], [`XlsxSink`] for the tables of records.
//!
//! Records go into in-memory worksheets as they come; [`XlsxSink::finish`] adds what needs the
//! whole table (autofilter over every row, column widths from the longest values), assembles the
//! workbook and writes it out in one piece. A workbook is not a stream: nothing reaches the writer
//! before `finish`.
//!
//! Each sheet has a bold header row, frozen so it stays visible while scrolling, and an autofilter.
//! Date columns hold real spreadsheet dates (`yyyy-mm-dd`, or `yyyy-mm-dd hh:mm` for timestamps,
//! the wall-clock time as written). Text is always written as a string cell, so nothing is ever a
//! formula; text that would turn into one when a user edits the cell (leading `=`, `+`, `-`, `@`,
//! tab, CR) also gets Excel's quote prefix, the spreadsheet form of CSV's leading `'`, which keeps
//! the value itself exact.

use std::io::Write;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::csv::needs_neutralising;
use super::tables::{Cell, ColumnKind, Layout, Table};
use super::RecordSink;
use crate::model::Record;

/// Rows a worksheet holds, header included.
pub const MAX_ROWS: u32 = 1_048_576;
/// Characters a cell holds (Excel's limit); longer text is cut to this and ends with a mark that
/// starts with [`TRUNCATION_MARK`] and says how long the text was, and [`RecordSink::notices`]
/// reports the cut cells.
pub const MAX_CELL_CHARS: usize = 32_767;
/// The start of the mark that ends a cut cell.
pub const TRUNCATION_MARK: &str = " […cut:";
/// Column widths, in characters.
pub const MIN_COLUMN_WIDTH: usize = 8;
pub const MAX_COLUMN_WIDTH: usize = 60;
const DATE_FORMAT: &str = "yyyy-mm-dd";
const DATETIME_FORMAT: &str = "yyyy-mm-dd hh:mm";

/// One workbook with a sheet per [`Layout`], rows added one at a time and the whole written to
/// `out` on [`XlsxWriter::finish`].
pub struct XlsxWriter<W: Write> {
    out: W,
    sheets: Vec<Sheet>,
    formats: Formats,
    /// The notices of the sheets, kept when `finish` hands the sheets to the workbook.
    finished_notices: Vec<String>,
}

struct Sheet {
    layout: Layout,
    worksheet: Worksheet,
    /// Next row to write (0 is the header).
    next_row: u32,
    /// Widest value seen per column, in characters.
    widths: Vec<usize>,
    /// Cells cut to [`MAX_CELL_CHARS`], and the first one's row and column.
    cut: usize,
    first_cut: Option<(u32, usize)>,
}

struct Formats {
    header: Format,
    date: Format,
    datetime: Format,
    quoted: Format,
}

impl<W: Write> XlsxWriter<W> {
    /// A workbook with one sheet per layout, in that order.
    pub fn new(layouts: &[Layout], out: W) -> std::io::Result<Self> {
        let formats = Formats {
            header: Format::new().set_bold(),
            date: Format::new().set_num_format(DATE_FORMAT),
            datetime: Format::new().set_num_format(DATETIME_FORMAT),
            quoted: Format::new().set_quote_prefix(),
        };
        let mut sheets = Vec::with_capacity(layouts.len());
        for &layout in layouts {
            let mut worksheet = Worksheet::new();
            worksheet.set_name(layout.name).map_err(xlsx_error)?;
            let mut widths = Vec::with_capacity(layout.columns.len());
            for (col, column) in layout.columns.iter().enumerate() {
                worksheet
                    .write_string_with_format(0, col as u16, column.name, &formats.header)
                    .map_err(xlsx_error)?;
                // Room for the autofilter's drop-down arrow next to the header.
                widths.push(column.name.chars().count() + 3);
            }
            sheets.push(Sheet {
                layout,
                worksheet,
                next_row: 1,
                widths,
                cut: 0,
                first_cut: None,
            });
        }
        Ok(XlsxWriter {
            finished_notices: Vec::new(),
            out,
            sheets,
            formats,
        })
    }

    /// Adds one row to the sheet at `sheet` (an index into the layouts given to `new`).
    pub fn write_row(&mut self, sheet: usize, cells: &[Cell]) -> std::io::Result<()> {
        let Some(sheet) = self.sheets.get_mut(sheet) else {
            return Err(std::io::Error::other(format!("xlsx: no sheet {sheet}")));
        };
        if sheet.next_row >= MAX_ROWS {
            return Err(std::io::Error::other(format!(
                "table `{}` has more rows than a worksheet holds ({MAX_ROWS}); export it as CSV",
                sheet.layout.name
            )));
        }
        sheet.write_row(cells, &self.formats).map_err(xlsx_error)
    }

    /// One sentence per sheet whose cells had to be cut to fit.
    pub fn notices(&self) -> Vec<String> {
        let mut notices = self.finished_notices.clone();
        notices.extend(self.sheets.iter().filter_map(Sheet::cut_notice));
        notices
    }

    /// Adds what needs the whole table (autofilter, column widths), assembles the workbook and
    /// writes it to `out`.
    pub fn finish(&mut self) -> std::io::Result<()> {
        self.finished_notices
            .extend(self.sheets.iter().filter_map(Sheet::cut_notice));
        let mut workbook = Workbook::new();
        for mut sheet in std::mem::take(&mut self.sheets) {
            let last_col = (sheet.widths.len().max(1) - 1) as u16;
            let last_row = sheet.next_row - 1;
            let worksheet = &mut sheet.worksheet;
            worksheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
            worksheet
                .autofilter(0, 0, last_row, last_col)
                .map_err(xlsx_error)?;
            for (col, width) in sheet.widths.iter().enumerate() {
                let width = (*width).clamp(MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
                worksheet
                    .set_column_width(col as u16, width as f64)
                    .map_err(xlsx_error)?;
            }
            workbook.push_worksheet(sheet.worksheet);
        }
        if workbook.worksheets().is_empty() {
            return self.out.flush();
        }
        let bytes = workbook.save_to_buffer().map_err(xlsx_error)?;
        self.out.write_all(&bytes)?;
        self.out.flush()
    }

    /// The writer back, after `finish`.
    pub fn into_inner(self) -> W {
        self.out
    }
}

/// Writes the tables of every record into one workbook, saved to `out` on [`RecordSink::finish`].
pub struct XlsxSink<W: Write> {
    tables: Vec<Table>,
    writer: XlsxWriter<W>,
}

impl<W: Write> XlsxSink<W> {
    /// A workbook with one sheet per table in `tables`, in that order.
    pub fn new(tables: &[Table], out: W) -> std::io::Result<Self> {
        let layouts: Vec<Layout> = tables.iter().map(|t| t.layout()).collect();
        Ok(XlsxSink {
            tables: tables.to_vec(),
            writer: XlsxWriter::new(&layouts, out)?,
        })
    }

    /// The writer back, after `finish`.
    pub fn into_inner(self) -> W {
        self.writer.into_inner()
    }
}

impl<W: Write> RecordSink for XlsxSink<W> {
    fn write_record(&mut self, record: &Record) -> std::io::Result<()> {
        for (sheet, table) in self.tables.iter().enumerate() {
            for row in table.rows(record) {
                self.writer.write_row(sheet, &row)?;
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> std::io::Result<()> {
        self.writer.finish()
    }

    fn notices(&self) -> Vec<String> {
        self.writer.notices()
    }
}

impl Sheet {
    fn write_row(&mut self, cells: &[Cell], formats: &Formats) -> Result<(), XlsxError> {
        let row = self.next_row;
        for (col, cell) in cells.iter().enumerate() {
            let c = col as u16;
            let kind = self
                .layout
                .columns
                .get(col)
                .map_or(ColumnKind::Text, |column| column.kind);
            let width = match cell {
                Cell::Empty => 0,
                Cell::Integer(n) => {
                    // Exact up to 2^53, far beyond any count or offset we write.
                    self.worksheet.write_number(row, c, *n as f64)?;
                    n.to_string().len()
                }
                Cell::Date(text) if kind == ColumnKind::Date => match spreadsheet_date(text) {
                    Some((value, has_time)) => {
                        let format = if has_time {
                            &formats.datetime
                        } else {
                            &formats.date
                        };
                        self.worksheet
                            .write_datetime_with_format(row, c, &value, format)?;
                        if has_time {
                            DATETIME_FORMAT.len()
                        } else {
                            DATE_FORMAT.len()
                        }
                    }
                    None => self.write_text(row, col, text, formats)?,
                },
                Cell::Text(text) | Cell::Date(text) => self.write_text(row, col, text, formats)?,
            };
            if let Some(widest) = self.widths.get_mut(col) {
                *widest = (*widest).max(width);
            }
        }
        self.next_row += 1;
        Ok(())
    }
}

impl Sheet {
    /// One sentence on the cells cut to fit, if any.
    fn cut_notice(&self) -> Option<String> {
        let (row, col) = self.first_cut?;
        let column = self.layout.columns.get(col).map_or("?", |c| c.name);
        Some(format!(
            "xlsx: {} cell(s) of sheet `{}` longer than {MAX_CELL_CHARS} characters (Excel's limit) \
             were cut and end with \"{TRUNCATION_MARK} N characters]\" (first: row {}, column {column}); \
             the full text is in the JSONL and CSV outputs",
            self.cut,
            self.layout.name,
            row + 1
        ))
    }

    /// Writes a string cell (never a formula), counts it when it had to be cut, and returns the
    /// width of its longest line.
    fn write_text(
        &mut self,
        row: u32,
        col: usize,
        text: &str,
        formats: &Formats,
    ) -> Result<usize, XlsxError> {
        let text = fit_cell(text);
        if let std::borrow::Cow::Owned(_) = text {
            self.cut += 1;
            self.first_cut.get_or_insert((row, col));
        }
        let c = col as u16;
        if needs_neutralising(&text) {
            self.worksheet
                .write_string_with_format(row, c, text.as_ref(), &formats.quoted)?;
        } else {
            self.worksheet.write_string(row, c, text.as_ref())?;
        }
        Ok(text
            .lines()
            .map(|line| line.chars().count())
            .max()
            .unwrap_or(0))
    }
}

/// Text cut to what a cell holds, ending with the mark and the text's full length
/// (`… […cut: 40000 characters]`); borrowed when it fits.
fn fit_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.char_indices().nth(MAX_CELL_CHARS).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mark = format!("{TRUNCATION_MARK} {} characters]", text.chars().count());
    let mut cut: String = text
        .chars()
        .take(MAX_CELL_CHARS - mark.chars().count())
        .collect();
    cut.push_str(&mark);
    std::borrow::Cow::Owned(cut)
}

/// `2023-07-15` or `2023-07-15T08:30[:00][.000](Z|+07:00)` as a spreadsheet date-time, and whether
/// it has a time of day. The offset is dropped: the cell shows the time as written.
pub fn spreadsheet_date(text: &str) -> Option<(ExcelDateTime, bool)> {
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u16> {
        let part = text.get(range)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let date =
        ExcelDateTime::from_ymd(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?).ok()?;
    if b.len() == 10 {
        return Some((date, false));
    }
    if !matches!(b[10], b'T' | b't' | b' ') || b.len() < 16 || b[13] != b':' {
        return None;
    }
    let hour = digits(11..13)?;
    let minute = u8::try_from(digits(14..16)?).ok()?;
    let second = if b.len() >= 19 && b[16] == b':' {
        digits(17..19)?
    } else {
        0
    };
    let datetime = date.and_hms(hour, minute, f64::from(second)).ok()?;
    Some((datetime, true))
}

fn xlsx_error(err: XlsxError) -> std::io::Error {
    std::io::Error::other(format!("xlsx: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_spreadsheet_dates() {
        assert!(matches!(spreadsheet_date("2023-07-15"), Some((_, false))));
        assert!(matches!(
            spreadsheet_date("2023-07-15T08:30:00+07:00"),
            Some((_, true))
        ));
        assert!(matches!(
            spreadsheet_date("2026-11-27T19:00Z"),
            Some((_, true))
        ));
        for bad in [
            "",
            "2023-07",
            "2023-13-01",
            "2023-02-30",
            "15/07/2023",
            "2023-07-15Tx",
            "２０２３-07-15",
        ] {
            assert!(spreadsheet_date(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn long_text_is_cut_to_a_cell() {
        let long = "ạ".repeat(MAX_CELL_CHARS + 10);
        let cut = fit_cell(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with(&format!(
            "{TRUNCATION_MARK} {} characters]",
            MAX_CELL_CHARS + 10
        )));
        assert_eq!(
            fit_cell(&long[..MAX_CELL_CHARS * 3]).chars().count(),
            MAX_CELL_CHARS
        );
        assert_eq!(fit_cell("ngắn"), "ngắn");
    }
}
