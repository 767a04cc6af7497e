//! The word classes of the organisation parser (their members are data: `data/lexicon/org/words.tsv`)
//! and its one length limit.

use serde::Deserialize;

use crate::ner::words::{SharedClass, WordClass};

/// A class of words the organisation parser tests words against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgClass {
    /// Lower-case words that end a run of name words ("Công ty Hanel đã ...").
    StopWord,
    /// Lower-case word pairs (verbs mostly) that end a run of name words ("... tổ chức hội nghị").
    StopPair,
    /// Verbs of [`OrgClass::StopPair`] that name a body's field after a lower-case head or name
    /// word ("Ban Chỉ đạo xây dựng nông thôn mới", "dự án đầu tư xây dựng").
    NameVerb,
    /// Compounds of name words with a stop word in them ("Cục Việc làm", "không gian mạng").
    NameCompound,
    /// What "tổ chức" is the noun of in a name ("Vụ Tổ chức cán bộ"); before anything else it is
    /// the verb "to organise".
    OrganisingObject,
    /// Strong surnames (the shared table): a run of capitals after the lower-case words of a name that
    /// starts with one is the person the body is named with ("Cục trưởng Cục ... Trần Thị Thu Phương").
    Surname,
    /// A head's last word and the word after it that make it a common noun or an event ("Hội
    /// nghị", "Ban Giám đốc").
    NotName,
    /// Photo credits that name no body ("Ảnh: BTC"), compared as written.
    NotCredit,
    /// Words before a head that make the reference generic or plural ("các Sở", "những Hội").
    GenericBefore,
    /// Heads that may be written lower case before a capitalised name ("báo Kinh tế & Đô thị").
    LowerHead,
    /// A standing organ or unit written before the body it belongs to, one name with it
    /// ("Thường trực" + "HĐND tỉnh", "Cơ quan Cảnh sát điều tra" + "Công an tỉnh").
    SubBody,
    /// Title words before a [`OrgClass::SubBody`] word that make it part of the title ("Phó Chủ
    /// tịch Thường trực" UBND tỉnh).
    TitleBefore,
    /// A word pair after a body that names one of its branches before a place or a number
    /// ("Agribank" + "chi nhánh" + "tỉnh Thái Bình", "... cơ sở 2").
    Branch,
    /// Words between a foreign mission and the country it sits in ("Đại sứ quán Việt Nam tại Lào").
    SeatWord,
    /// Dynasties and historical states named after a head ("nhà Thanh", "quân Tây Sơn").
    Dynasty,
    /// First words of dynasty heads and armies: the only words where a dynasty is looked for.
    DynastyStart,
    /// Words before a dynasty that are part of its name ("nhà", "triều", "vương triều").
    DynastyHead,
    /// Words before a dynasty that name its army and stay outside the span ("quân", "nghĩa quân").
    DynastyArmy,
    /// Prepositions that put a subject into a body's name ("Cục Cảnh sát điều tra tội phạm về ma
    /// túy", "Ủy ban Nhà nước về người Việt Nam ở nước ngoài").
    SubjectWord,
    /// Capitalised words before a [`OrgClass::SubjectWord`] that make it part of the name ("Nhà
    /// nước", "Quốc gia"); after other capitalised words it is what the body did something about.
    SubjectScope,
    /// Stop words that may stand inside a subject ("người Việt Nam ở nước ngoài").
    SubjectJoiner,
    /// First words of the subject of a document or a report, never of a name ("về việc ...").
    SubjectVeto,
    /// Lower-case nouns that announce the name of a band, a brand or a subsidiary after them
    /// ("ban nhạc", "thương hiệu", "công ty con"); the noun stays outside the span.
    GroupCue,
    /// Verbs of a match between two clubs, before or after a club named by its province
    /// ("thắng", "đánh bại", "làm khách của").
    MatchVerb,
    /// Words that make a sentence a match report ("trận", "sân", "vòng", "V-League").
    SportContext,
    /// Administrative unit type words ("tỉnh", "thành phố", "TP", "xã"; shared).
    UnitType,
    /// Unit type words below the province ("huyện", "xã", "phường"; shared).
    LowerUnitType,
    /// Abbreviated unit type words, which a dot may follow ("TP.", "TX."; shared).
    UnitAbbreviation,
}

impl WordClass for OrgClass {
    fn bit(self) -> u64 {
        1 << self as u64
    }

    fn as_written(self) -> bool {
        self == OrgClass::NotCredit
    }

    fn from_shared(shared: SharedClass) -> Option<Self> {
        Some(match shared {
            SharedClass::UnitType => OrgClass::UnitType,
            SharedClass::LowerUnitType => OrgClass::LowerUnitType,
            SharedClass::UnitAbbreviation => OrgClass::UnitAbbreviation,
            SharedClass::StrongSurname => OrgClass::Surname,
        })
    }
}

/// A line break inside a name is a hard wrap only when the line before it is at least this long.
pub(super) const WRAPPED_LINE_CHARS: usize = 30;
