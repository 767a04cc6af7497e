//! The rules of the date grammar: the alternatives of the regex ([`Alternative`]) and the rules a
//! found date reports ([`DateRule`]).

use serde::{Deserialize, Serialize};

/// An alternative of the grammar, tried leftmost-first in this order; the number of the regex
/// pattern that matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alternative {
    DayList,
    RangeDay,
    WeekdayDay,
    RangeMonth,
    MonthList,
    PeriodYears,
    RangeYear,
    IsoDay,
    RangeYearBare,
    MonthsOfYear,
    HalfYear,
    Decade,
    Century,
    Quarter,
    LunarRange,
    LunarYear,
    Lunar,
    Day,
    MonthYear,
    Month,
    Year,
    YearBare,
}

impl Alternative {
    /// Every alternative, in the order of the regex (checked by a test of `pattern`).
    #[cfg(test)]
    pub const ALL: [Alternative; 22] = [
        Alternative::DayList,
        Alternative::RangeDay,
        Alternative::WeekdayDay,
        Alternative::RangeMonth,
        Alternative::MonthList,
        Alternative::PeriodYears,
        Alternative::RangeYear,
        Alternative::IsoDay,
        Alternative::RangeYearBare,
        Alternative::MonthsOfYear,
        Alternative::HalfYear,
        Alternative::Decade,
        Alternative::Century,
        Alternative::Quarter,
        Alternative::LunarRange,
        Alternative::LunarYear,
        Alternative::Lunar,
        Alternative::Day,
        Alternative::MonthYear,
        Alternative::Month,
        Alternative::Year,
        Alternative::YearBare,
    ];

    /// Made of single dates, so a rejected match is retried without it.
    pub fn composite(self) -> bool {
        matches!(
            self,
            Alternative::DayList
                | Alternative::RangeDay
                | Alternative::WeekdayDay
                | Alternative::RangeMonth
                | Alternative::MonthList
                | Alternative::PeriodYears
                | Alternative::RangeYear
                | Alternative::RangeYearBare
                | Alternative::LunarRange
        )
    }
}

/// The rule a date reports (`DateMention::span.rule`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateRule {
    /// A day in words with its year: "ngày 15 tháng 7 năm 2023".
    DayWords,
    /// A numeric day with its year: "15/7/2023".
    DayNumeric,
    /// A day in words, year resolved: "15 tháng 7".
    DayMonthWords,
    /// A numeric day, year resolved: "15/7".
    DayMonthNumeric,
    WeekdayDay,
    /// The weekday contradicts the written day (the day is kept).
    WeekdayMismatch,
    RangeDay,
    DayList,
    IsoDay,
    MonthYear,
    Month,
    RangeMonth,
    MonthList,
    Quarter,
    MonthsOfYear,
    HalfYear,
    Year,
    YearBare,
    RangeYear,
    RangeYearBare,
    PeriodYears,
    Decade,
    /// A century ("thế kỷ XX").
    Century,
    /// A lunar date (no Gregorian value).
    Lunar,
    /// A day every year (no single value).
    Recurring,
}

impl DateRule {
    pub fn as_str(self) -> &'static str {
        match self {
            DateRule::DayWords => "day_words",
            DateRule::DayNumeric => "day_numeric",
            DateRule::DayMonthWords => "day_month_words",
            DateRule::DayMonthNumeric => "day_month_numeric",
            DateRule::WeekdayDay => "weekday_day",
            DateRule::WeekdayMismatch => "weekday_mismatch",
            DateRule::RangeDay => "range_day",
            DateRule::DayList => "day_list",
            DateRule::IsoDay => "iso_day",
            DateRule::MonthYear => "month_year",
            DateRule::Month => "month",
            DateRule::RangeMonth => "range_month",
            DateRule::MonthList => "month_list",
            DateRule::Quarter => "quarter",
            DateRule::MonthsOfYear => "months_of_year",
            DateRule::HalfYear => "half_year",
            DateRule::Year => "year",
            DateRule::YearBare => "year_bare",
            DateRule::RangeYear => "range_year",
            DateRule::RangeYearBare => "range_year_bare",
            DateRule::PeriodYears => "period_years",
            DateRule::Decade => "decade",
            DateRule::Century => "century",
            DateRule::Lunar => "lunar",
            DateRule::Recurring => "recurring",
        }
    }

    /// Rules whose year came from the publication date rather than the text.
    pub fn year_from_publication(self) -> bool {
        matches!(
            self,
            DateRule::Month | DateRule::DayMonthNumeric | DateRule::DayMonthWords
        )
    }
}

impl std::fmt::Display for DateRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
