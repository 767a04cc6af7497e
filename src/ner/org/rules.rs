//! Word lists of the organisation parser: what ends a name, what turns a head into a common
//! noun, what makes a reference generic. Keys are lower case ([`canonical_key`] form).
//!
//! [`canonical_key`]: crate::ner::text::canonical_key

/// Lower-case words that end a run of name words ("Công ty Hanel đã ...").
pub(super) const STOP_WORDS: &[&str] = &[
    "đã", "đang", "sẽ", "vừa", "của", "cho", "với", "tại", "về", "trong", "là", "được", "bị", "có",
    "do", "để", "theo", "các", "những", "này", "đó", "cùng", "trên", "từ", "khi", "nhằm", "làm",
    "và", "hoặc", "nhưng", "thì", "mà", "như", "đến", "qua", "sau", "trước", "ra", "vào", "lần",
    "khóa", "nhiệm", "năm", "ngày", "tháng", "thuộc", "gồm", "trao", "tặng", "nhận", "ký", "không",
    "cũng", "còn", "đều", "rất", "luôn", "hiện", "tiếp", "xin", "hơn", "vì", "nên", "nếu", "tới",
    "ở", "lại", "ngoài", "giữa", "đoạt", "giành", "gửi", "mời", "chúc", "đạt", "nêu", "nói", "hỏi",
    "phải", "muốn", "sớm", "vẫn", "kiêm", "mua", "bán",
];

/// Lower-case word pairs (verbs mostly) that end a run of name words ("... tổ chức hội nghị").
pub(super) const STOP_PAIRS: &[(&str, &str)] = &[
    ("triển", "khai"),
    ("thực", "hiện"),
    ("tham", "gia"),
    ("tham", "dự"),
    ("đề", "nghị"),
    ("đề", "xuất"),
    ("yêu", "cầu"),
    ("chỉ", "đạo"),
    ("tổ", "chức"),
    ("phối", "hợp"),
    ("giới", "thiệu"),
    ("chủ", "trì"),
    ("báo", "cáo"),
    ("ban", "hành"),
    ("ký", "kết"),
    ("đồng", "chí"),
    ("phát", "biểu"),
    ("phát", "động"),
    ("phát", "hành"),
    ("công", "bố"),
    ("khai", "giảng"),
    ("khai", "mạc"),
    ("bế", "mạc"),
    ("làm", "việc"),
    ("đánh", "giá"),
    ("cho", "biết"),
    ("hướng", "dẫn"),
    ("tiếp", "nhận"),
    ("quyết", "định"),
    ("lựa", "chọn"),
    ("đạt", "được"),
    ("trình", "bày"),
    ("biểu", "dương"),
    ("cảm", "ơn"),
    ("chúc", "mừng"),
    ("xây", "dựng"),
    ("kiểm", "tra"),
    ("giám", "sát"),
    ("cung", "cấp"),
    ("hỗ", "trợ"),
    ("ghi", "nhận"),
    ("nhấn", "mạnh"),
    ("khẳng", "định"),
    ("kiến", "nghị"),
    ("tiếp", "tục"),
    ("vừa", "qua"),
    ("hoạt", "động"),
    ("trực", "thuộc"),
    ("hàng", "năm"),
    ("hằng", "năm"),
    ("hàng", "ngày"),
    ("hằng", "ngày"),
    ("hàng", "tháng"),
    ("cần", "phải"),
    ("hy", "vọng"),
    ("mong", "muốn"),
    ("sau", "khi"),
    ("tài", "trợ"),
    ("thành", "lập"),
    ("ra", "mắt"),
    ("công", "nhận"),
    ("khuyến", "cáo"),
    ("khuyến", "nghị"),
    ("cảnh", "báo"),
    ("góp", "ý"),
    ("thông", "báo"),
    ("tuyên", "truyền"),
    ("vận", "động"),
    ("phát", "hiện"),
    ("trao", "đổi"),
    ("tập", "huấn"),
    ("đẩy", "mạnh"),
    ("tăng", "cường"),
    ("mở", "rộng"),
    ("đón", "tiếp"),
    ("tiếp", "đón"),
    ("thăm", "hỏi"),
    ("cấp", "phép"),
];

/// Compounds of name words with a stop word in them ("Cục Việc làm", "không gian mạng").
pub(super) const NAME_COMPOUNDS: &[(&str, &str)] = &[
    ("việc", "làm"),
    ("không", "gian"),
    ("không", "khí"),
    ("không", "quân"),
    ("năm", "châu"),
];

/// What "tổ chức" is the noun of in a name ("Vụ Tổ chức cán bộ", "Viện Khoa học tổ chức nhà
/// nước"); before anything else it is the verb "to organise".
pub(super) const ORGANISING_OBJECTS: &[&str] = &["cán", "nhà", "biên", "bộ"];

/// Common Vietnamese surnames: a run of capitals after the lower-case words of a name that starts
/// with one is the person the body is named with ("Cục trưởng Cục ... Trần Thị Thu Phương").
pub(super) const SURNAMES: &[&str] = &[
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ",
    "hồ", "ngô", "dương", "lý", "đinh", "đoàn", "trương", "lâm", "mai", "trịnh", "lương", "tạ",
    "hà", "cao", "lưu", "tô", "quách", "thái", "chu", "châu", "kiều", "triệu", "vương",
];

/// Words after a head that turn it into a common noun or an event ("Hội nghị", "Ban Giám đốc").
pub(super) const NOT_NAMES: &[(&str, &str)] = &[
    ("hội", "nghị"),
    ("hội", "thảo"),
    ("hội", "thi"),
    ("hội", "sách"),
    ("hội", "diễn"),
    ("hội", "khỏe"),
    ("hội", "chợ"),
    ("hội", "viên"),
    ("hội", "trường"),
    ("hội", "báo"),
    ("hội", "xuân"),
    ("hội", "làng"),
    ("hội", "giảng"),
    ("hội", "trại"),
    ("hội", "đồng"),
    ("tâm", "hội"),
    ("tâm", "triển"),
    ("tâm", "thương"),
    ("ban", "giám"),
    ("ban", "biên"),
    ("ban", "chủ"),
    ("ban", "lãnh"),
    ("ban", "ngành"),
    ("ban", "hành"),
    ("ban", "đầu"),
    ("ban", "ngày"),
    ("ban", "tổ"),
    ("đội", "ngũ"),
    ("đội", "thi"),
    ("đội", "hình"),
    ("đội", "tuyển"),
    ("quỹ", "đất"),
    ("quỹ", "lương"),
    ("quỹ", "thời"),
    ("viện", "phí"),
    ("trường", "hợp"),
    ("trường", "học"),
    ("báo", "cáo"),
    ("báo", "chí"),
    ("báo", "in"),
    ("báo", "điện"),
    ("báo", "hình"),
    ("báo", "nói"),
    ("đài", "truyền"),
    ("đài", "phát"),
    ("phòng", "họp"),
    ("phòng", "chống"),
    ("phòng", "ngừa"),
    ("phòng", "khám"),
    ("vụ", "việc"),
    ("vụ", "án"),
    ("đại", "học"),
    ("cục", "trưởng"),
    ("vụ", "trưởng"),
    ("viện", "trưởng"),
    ("đội", "trưởng"),
    ("hội", "trưởng"),
    ("ban", "nha"),
    ("trung", "tâm"),
    ("ban", "điều"),
    ("ban", "quản"),
    ("đồng", "giám"),
    ("đồng", "chấm"),
    ("đồng", "quản"),
    ("đồng", "hương"),
    ("đồng", "bào"),
];

/// Photo credits that name no body ("Ảnh: BTC" is the organising committee of an event).
/// (TL: archive photo, ST: collected, MH: illustration, NVCC: supplied by the person shown ...)
pub(super) const NOT_CREDITS: &[&str] = &[
    "BTC", "TL", "ST", "NV", "PV", "CTV", "MH", "NVCC", "NDCC", "TG", "BBT",
];

/// Words before a head that make the reference generic or plural ("các Sở", "những Hội").
pub(super) const GENERIC_BEFORE: &[&str] = &[
    "các", "những", "mọi", "nhiều", "từng", "mỗi", "một", "hai", "ba",
];

/// A line break inside a name is a hard wrap only when the line before it is at least this long.
pub(super) const WRAPPED_LINE_CHARS: usize = 30;
