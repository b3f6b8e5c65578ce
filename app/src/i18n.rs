//! The one translation source: every word a person reads, in Vietnamese (the default) and English.
//! A missing translation is a compile error, not a blank on screen.

use serde::{Deserialize, Serialize};

use crate::error::ErrorCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn parse(raw: &str) -> Option<Lang> {
        match raw.trim() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    /// The name of the language in itself, for the switch.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Vi => "Tiếng Việt",
            Lang::En => "English",
        }
    }
}

/// Translates with the page's language (provided by the app at its root).
pub fn t(text: Text) -> &'static str {
    text.get(leptos::prelude::use_context::<Lang>().unwrap_or_default())
}

/// The cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "zp_lang";

macro_rules! texts {
    ($($key:ident => $vi:literal, $en:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Text { $($key),* }

        impl Text {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Text::$key, Lang::Vi) => $vi, (Text::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

texts! {
    AppName => "ZonePass", "ZonePass";
    Tagline => "Kiểm soát ra vào vùng dịch", "Movement control for epidemic areas";
    SkipToContent => "Chuyển đến nội dung chính", "Skip to main content";
    NavMain => "Điều hướng chính", "Main navigation";
    NavHome => "Trang chủ", "Home";
    NavDashboard => "Phạm vi của tôi", "My scope";
    NavRegistry => "Tra cứu dân cư", "Registry look-up";
    NavAdminUsers => "Tài khoản", "Accounts";
    NavAdminCheckpoints => "Chốt kiểm soát", "Checkpoints";
    NavAdminAudit => "Nhật ký truy cập", "Audit log";
    NavAccount => "Tài khoản của tôi", "My account";
    NavLogin => "Đăng nhập cán bộ", "Official login";
    NavLogout => "Đăng xuất", "Log out";
    SwitchLanguage => "Chọn ngôn ngữ", "Language";
    HomeTitle => "ZonePass — khai báo di chuyển và kiểm soát chốt", "ZonePass — travel declaration and checkpoint control";
    HomeIntro => "ZonePass giúp người dân khai báo trước khi đi qua vùng dịch và giúp lực lượng công an tại chốt kiểm tra nhanh, đúng người, kể cả khi mạng yếu.", "ZonePass lets people declare before travelling through an epidemic area, and lets police at checkpoints check them quickly and correctly, even on a poor network.";
    HomeCitizens => "Người dân", "Citizens";
    HomeCitizensText => "Khai báo một lần, nhận mã QR cá nhân có hiệu lực 72 giờ, mở được cả khi không có mạng.", "Declare once and receive a personal QR pass valid for 72 hours, available even offline.";
    MyPasses => "Thẻ đi lại trên máy này", "Passes on this device";
    HomeOfficials => "Cán bộ", "Officials";
    HomeOfficialsText => "Cán bộ công an các cấp, cán bộ chốt và Ban chỉ đạo đăng nhập để làm việc trong phạm vi được giao.", "Police at every level, checkpoint staff and steering committees log in to work within their assigned scope.";
    HomePrivacy => "Dữ liệu chỉ dùng cho phòng, chống dịch; mọi lượt xem dữ liệu cá nhân của cán bộ đều được ghi nhật ký.", "Data is used for epidemic control only; every view of personal data by an official is logged.";
    LoginTitle => "Đăng nhập cán bộ", "Official login";
    Username => "Tên đăng nhập", "Username";
    Password => "Mật khẩu", "Password";
    LoginButton => "Đăng nhập", "Log in";
    LoggedOut => "Bạn đã đăng xuất.", "You have logged out.";
    LoggedInAs => "Đang đăng nhập:", "Logged in as:";
    PleaseLogIn => "Vui lòng đăng nhập để xem trang này.", "Please log in to see this page.";
    AccountTitle => "Tài khoản của tôi", "My account";
    Role => "Vai trò", "Role";
    ScopeLabel => "Phạm vi", "Scope";
    ChangePassword => "Đổi mật khẩu", "Change password";
    CurrentPassword => "Mật khẩu hiện tại", "Current password";
    NewPassword => "Mật khẩu mới (ít nhất 10 ký tự)", "New password (at least 10 characters)";
    RepeatPassword => "Nhập lại mật khẩu mới", "Repeat the new password";
    PasswordChanged => "Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đóng.", "Password changed. Your other sessions were closed.";
    Save => "Lưu", "Save";
    DashboardTitle => "Phạm vi của tôi", "My scope";
    WholeCountry => "Toàn quốc", "The whole country";
    UnitsBelow => "Đơn vị trực thuộc", "Units below";
    Unit => "Đơn vị", "Unit";
    Level => "Cấp", "Level";
    RegisteredResidents => "Nhân khẩu trong sổ đăng ký", "Registered residents";
    Total => "Tổng", "Total";
    CheckpointLabel => "Chốt", "Checkpoint";
    AdminSummary => "Quản trị hệ thống", "System administration";
    UsersCount => "Số tài khoản", "Accounts";
    CheckpointsCount => "Số chốt", "Checkpoints";
    RegistryTitle => "Tra cứu sổ đăng ký dân cư", "Population registry look-up";
    RegistryHelp => "Nhập số CCCD/CMND. Mỗi lượt tra cứu được ghi nhật ký.", "Enter a CCCD/CMND number. Every look-up is logged.";
    DocumentNumber => "Số giấy tờ", "Document number";
    Search => "Tra cứu", "Look up";
    FullName => "Họ và tên", "Full name";
    BirthDate => "Ngày sinh", "Date of birth";
    Sex => "Giới tính", "Sex";
    Male => "Nam", "Male";
    Female => "Nữ", "Female";
    Residence => "Nơi thường trú", "Permanent residence";
    UsersTitle => "Tài khoản cán bộ", "Official accounts";
    CreateUser => "Tạo tài khoản", "Create account";
    UnitCodeLabel => "Mã đơn vị (với vai trò theo đơn vị)", "Unit code (for unit roles)";
    CheckpointCodeLabel => "Mã chốt (với vai trò tại chốt)", "Checkpoint code (for checkpoint roles)";
    Status => "Trạng thái", "Status";
    Active => "Đang hoạt động", "Active";
    Disabled => "Đã khoá", "Disabled";
    Disable => "Khoá", "Disable";
    Enable => "Mở khoá", "Enable";
    Actions => "Thao tác", "Actions";
    Saved => "Đã lưu.", "Saved.";
    CheckpointsTitle => "Chốt kiểm soát", "Checkpoints";
    CreateCheckpoint => "Thêm chốt", "Add checkpoint";
    Code => "Mã", "Code";
    Name => "Tên", "Name";
    Road => "Tuyến đường", "Road";
    Commune => "Xã/phường", "Commune";
    AuditTitle => "Nhật ký truy cập và thay đổi", "Access and change log";
    Time => "Thời gian", "Time";
    Official => "Cán bộ", "Official";
    ActionLabel => "Hành động", "Action";
    TargetLabel => "Đối tượng", "Target";
    Loading => "Đang tải…", "Loading…";
    NotFoundTitle => "Không tìm thấy trang", "Page not found";
    RoleAdmin => "Quản trị viên", "Administrator";
    RoleNational => "Công an cấp trung ương", "National police";
    RoleProvince => "Công an cấp tỉnh", "Province police";
    RoleDistrict => "Công an cấp huyện", "District police";
    RoleCommune => "Công an cấp xã", "Commune police";
    RoleCheckpointOfficer => "Cán bộ chốt kiểm soát", "Checkpoint officer";
    RoleDataEntry => "Cán bộ nhập liệu", "Data-entry officer";
    RoleSteering => "Thành viên Ban chỉ đạo", "Steering committee member";
    RoleCommuneChief => "Trưởng Công an xã/phường", "Commune police chief";
    DeclareTitle => "Khai báo di chuyển", "Travel declaration";
    DeclareIntro => "Khai báo trung thực trước khi đi. Sau khi gửi, bạn nhận thẻ đi lại có mã QR, hiệu lực 72 giờ.", "Declare truthfully before you travel. You will receive a travel pass with a QR code, valid for 72 hours.";
    ConsentNotice => "Thông tin bạn khai chỉ dùng cho phòng, chống dịch và được bảo vệ theo quy định về bảo vệ dữ liệu cá nhân. Khai báo gian dối là vi phạm pháp luật.", "What you declare is used for epidemic control only and protected under the personal data protection law. A false declaration is an offence.";
    MyDataTitle => "Dữ liệu của tôi", "My data";
    MyDataIntro => "Nhập số giấy tờ và số điện thoại bạn đã dùng khi khai báo để xem ZonePass đang lưu gì về bạn và lưu đến ngày nào. Chỉ hiện những gì đã khai với số điện thoại này.", "Enter your document number and the phone number you declared with to see what ZonePass holds on you and until when. Only what was declared with this phone number is shown.";
    MyDataNumber => "Số CCCD/CMND", "CCCD/CMND number";
    MyDataPhone => "Số điện thoại đã khai", "Phone number you declared";
    MyDataAsk => "Xem dữ liệu", "Show my data";
    MyDataAnswer => "Dữ liệu đang lưu về số", "Data held for number";
    MyDataNothing => "ZonePass không lưu tờ khai nào với số giấy tờ và số điện thoại này.", "ZonePass holds no declaration under this document number with this phone number.";
    MyDataHeld => "Mỗi chuyến đi được lưu {days} ngày sau ngày đi (lâu hơn nếu có lần qua chốt sau đó), rồi tự động xoá.", "Each trip is kept {days} days after the day of travel (longer if a checkpoint crossing came later), then deleted automatically.";
    MyDataExpired => "Kết quả tra cứu này đã hết hạn. Vui lòng tra cứu lại.", "This answer has expired. Please ask again.";
    MyDataRegistry => "ZonePass cũng giữ bản sao Cơ sở dữ liệu quốc gia về dân cư và tiêm chủng để đối chiếu; bản sao này không xoá theo chuyến đi. Muốn sửa thông tin, hãy liên hệ công an xã, phường nơi bạn cư trú.", "ZonePass also keeps a copy of the national population and vaccination databases to check arrivals against; that copy is not deleted with your trips. To correct it, contact the police of the commune where you live.";
    MyDataTrip => "Chuyến đi ngày", "Trip of";
    MyDataHeldUntil => "Lưu đến hết ngày", "Held until the end of";
    MyDataDeclaredAt => "Thời điểm khai", "Declared at";
    MyDataChecked => "Công an xã đã đối chiếu", "Checked by the commune police";
    MyDataPasses => "Mã QR đã cấp", "QR passes issued";
    RetentionNotice => "Tờ khai, mã QR, các lần qua chốt và kết quả đối chiếu của bạn được lưu {days} ngày sau ngày đi rồi tự động xoá; chỉ còn lại số liệu thống kê không có tên ai. Bạn có thể xem ZonePass đang lưu gì về mình và lưu đến khi nào ở trang “Dữ liệu của tôi”.", "Your declaration, QR pass, checkpoint crossings and registry check are kept for {days} days after the day of your trip and then deleted automatically; only statistics that name nobody remain. You can see what ZonePass holds on you, and until when, on the “My data” page.";
    SectionIdentity => "Thông tin cá nhân", "About you";
    SectionTrip => "Chuyến đi", "The trip";
    SectionHealth => "Sức khoẻ (14 ngày qua) và tiêm chủng", "Health (last 14 days) and vaccination";
    DocumentType => "Loại giấy tờ", "Document type";
    DocCccd => "Căn cước công dân (12 số)", "Citizen ID card, CCCD (12 digits)";
    DocCmnd => "Chứng minh nhân dân (9 hoặc 12 số)", "Old ID card, CMND (9 or 12 digits)";
    Phone => "Số điện thoại di động", "Mobile phone number";
    ResidenceAddress => "Số nhà, đường, thôn/xóm", "House number, street, hamlet";
    ResidencePlace => "Nơi ở hiện nay", "Where you live";
    OriginPlace => "Nơi đi", "Travelling from";
    DestinationPlace => "Nơi đến", "Travelling to";
    Province => "Tỉnh/thành phố", "Province";
    CommuneWard => "Xã/phường/thị trấn", "Commune";
    ChooseProvince => "— Chọn tỉnh/thành phố —", "— Choose a province —";
    ChooseCommune => "— Chọn xã/phường —", "— Choose a commune —";
    ShowCommunes => "Tìm / hiện danh sách xã", "Search / list communes";
    FindCommune => "Tìm nhanh xã/phường", "Find a commune quickly";
    FindCommuneHint => "Gõ tên, có dấu hay không dấu đều được (ví dụ: cam dien)", "Type its name, with or without diacritics (e.g. cam dien)";
    SearchResults => "Kết quả tìm kiếm: chọn một xã/phường", "Search results: choose a commune";
    NoSearchResults => "Không tìm thấy xã/phường nào với tên này.", "No commune has this name.";
    TravelDate => "Ngày đi", "Travel date";
    Vehicle => "Phương tiện", "Means of travel";
    VehicleCar => "Ô tô", "Car";
    VehicleMotorbike => "Xe máy", "Motorbike";
    VehicleBus => "Xe khách", "Bus";
    VehicleTrain => "Tàu hoả", "Train";
    VehiclePlane => "Máy bay", "Plane";
    VehicleBoat => "Tàu thuyền", "Boat";
    VehicleOther => "Khác", "Other";
    VehiclePlate => "Biển số xe (nếu có)", "Vehicle plate (if any)";
    SymptomsLegend => "Trong 14 ngày qua, bạn có triệu chứng nào sau đây?", "In the last 14 days, have you had any of these?";
    SymFever => "Sốt", "Fever";
    SymCough => "Ho", "Cough";
    SymShortnessOfBreath => "Khó thở", "Shortness of breath";
    SymSoreThroat => "Đau họng", "Sore throat";
    SymNausea => "Buồn nôn, nôn", "Nausea or vomiting";
    SymDiarrhoea => "Tiêu chảy", "Diarrhoea";
    SymSkinBleeding => "Xuất huyết ngoài da", "Skin bleeding";
    SymRash => "Nổi ban ngoài da", "Rash";
    CloseContact => "Tôi đã tiếp xúc gần với người mắc hoặc nghi mắc bệnh", "I was in close contact with a confirmed or suspected case";
    VaccinationDoses => "Số mũi vắc xin đã tiêm", "Vaccine doses received";
    SubmitDeclaration => "Gửi khai báo và nhận thẻ", "Send and get my pass";
    FixTheseFields => "Vui lòng sửa các mục sau:", "Please fix the following:";
    PassTitle => "Thẻ đi lại", "Travel pass";
    PassQrLabel => "Mã QR thẻ đi lại của", "QR travel pass of";
    PassValidFor => "Còn hiệu lực:", "Valid for:";
    Hours => "giờ", "h";
    Minutes => "phút", "min";
    PassExpired => "Thẻ đã hết hạn. Hãy khai báo lại để nhận thẻ mới.", "This pass has expired. Declare again to get a new one.";
    PassRevoked => "Thẻ này đã bị hủy hoặc đã được thay bằng một tờ khai mới.", "This pass was cancelled or replaced by a newer declaration.";
    PassReplace => "Khai báo lại và thay thẻ này", "Declare again, replacing this pass";
    PassCancel => "Hủy thẻ này", "Cancel this pass";
    PassCancelWhy => "Hủy thẻ nếu chuyến đi không còn, hoặc nếu người khác có bản sao mã QR của bạn. Thẻ bị hủy sẽ bị từ chối tại chốt; không thể khôi phục.", "Cancel the pass if the trip is off, or if someone else has a copy of your QR code. A cancelled pass is refused at checkpoints and cannot be restored.";
    PassCancelConfirm => "Hủy thẻ ngay", "Cancel the pass now";
    DeclareReplacing => "Tờ khai này sẽ thay thẻ hiện tại của bạn: thẻ cũ bị hủy khi thẻ mới được cấp.", "This declaration replaces your current pass: the old one is cancelled when the new one is issued.";
    PassFrom => "Nơi đi", "From";
    PassTo => "Nơi đến", "To";
    PassExpiresAt => "Hết hạn lúc", "Expires at";
    PassDownload => "Tải ảnh mã QR", "Download the QR image";
    PassPrint => "In thẻ (khổ A6)", "Print (A6)";
    DeclareAgain => "Khai báo lại", "Declare again";
    DeclareAnotherTrip => "Khai báo chuyến đi khác (giữ thẻ này)", "Declare another trip (keeps this pass)";
    NavAdminAreas => "Vùng dịch", "Epidemic areas";
    NavScanner => "Quét thẻ", "Scan passes";
    NavCheckpointDay => "Lượt qua chốt hôm nay", "Today's crossings";
    AreasTitle => "Vùng dịch và quy tắc tại chốt", "Epidemic areas and checkpoint rules";
    AreasHistory => "Các vùng dịch đã công bố (mới nhất trước)", "Declared epidemic areas (newest first)";
    DeclareArea => "Công bố vùng dịch", "Declare an epidemic area";
    AreaUnitCode => "Mã đơn vị hành chính (tỉnh, huyện hoặc xã)", "Administrative unit code (province, district or commune)";
    RiskLevelLabel => "Cấp độ dịch", "Risk level";
    Level1 => "Cấp 1 — nguy cơ thấp", "Level 1 — low";
    Level2 => "Cấp 2 — nguy cơ trung bình", "Level 2 — medium";
    Level3 => "Cấp 3 — nguy cơ cao", "Level 3 — high";
    Level4 => "Cấp 4 — nguy cơ rất cao", "Level 4 — very high";
    ValidFrom => "Từ ngày (để trống: ngay bây giờ)", "From (empty: now)";
    ValidUntil => "Đến hết ngày (để trống: đến khi kết thúc)", "Until the end of (empty: until ended)";
    NoteLabel => "Ghi chú, căn cứ quyết định", "Note, decision reference";
    UnitLabel => "Đơn vị", "Unit";
    PeriodLabel => "Thời gian", "Period";
    InForce => "Đang áp dụng", "In force";
    NotInForce => "Đã kết thúc", "Ended";
    EndArea => "Kết thúc", "End";
    DeclaredBy => "Người công bố", "Declared by";
    RulesTitle => "Quy tắc xử lý tại chốt theo tỉnh", "Checkpoint rules by province";
    RulesIntro => "Chốt của tỉnh xử lý người đến theo cấp độ dịch nơi họ đi.", "A province's checkpoints act on travellers by the risk level where they come from.";
    ShowRules => "Xem quy tắc", "Show rules";
    SaveRules => "Lưu quy tắc", "Save rules";
    OriginOutside => "Không đến từ vùng dịch", "Not from an epidemic area";
    OriginLevel1 => "Đến từ vùng cấp 1", "From a level 1 area";
    OriginLevel2 => "Đến từ vùng cấp 2", "From a level 2 area";
    OriginLevel3 => "Đến từ vùng cấp 3", "From a level 3 area";
    OriginLevel4 => "Đến từ vùng cấp 4", "From a level 4 area";
    ScannerTitle => "Kiểm soát tại chốt", "Checkpoint scanner";
    ScanCodeLabel => "Mã QR hoặc số giấy tờ", "QR code or ID number";
    ScanCodeHint => "Máy quét cầm tay gõ thẳng vào ô này; có thể dán mã hoặc gõ số CCCD/CMND.", "A handheld scanner types straight into this field; you can also paste a code or type a CCCD/CMND number.";
    DirectionLabel => "Hướng đi", "Direction";
    DirectionIn => "Vào vùng", "Into the area";
    DirectionOut => "Ra khỏi vùng", "Out of the area";
    CheckPass => "Kiểm tra", "Check";
    VerdictGreen => "HỢP LỆ — CHO QUA", "VALID — LET THROUGH";
    VerdictAmber => "HỢP LỆ — CẦN XỬ LÝ", "VALID — ACTION NEEDED";
    VerdictRed => "KHÔNG HỢP LỆ", "NOT VALID";
    ActionToTake => "Biện pháp", "Action";
    CardMatches => "Khớp giấy tờ — ghi nhận", "Card matches — record";
    CardDiffers => "Không khớp giấy tờ", "Card does not match";
    PendingCrossings => "Lượt chờ gửi:", "Crossings waiting to send:";
    Online => "Có mạng", "Online";
    Offline => "Mất mạng — vẫn kiểm tra và ghi nhận trên máy", "Offline — still checking and recording on this device";
    ClockOff => "Đồng hồ của máy lệch so với máy chủ khoảng", "This device's clock is off from the server's by about";
    BundleStale => "Khoá, danh sách thu hồi và quy tắc trên máy đã cũ:", "Keys, revocations and rules on this device are old:";
    CardQrLabel => "QR trên thẻ CCCD gắn chip (quét để so sánh)", "QR on the chip CCCD card (scan to compare)";
    CompareCard => "So sánh với thẻ", "Compare with the card";
    CardComparisonTitle => "So sánh với thẻ CCCD", "Comparison with the CCCD card";
    Field => "Thông tin", "Field";
    OnCard => "Trên thẻ", "On the card";
    MatchSame => "Khớp", "Matches";
    MatchNoDiacritics => "Khớp khi bỏ dấu — xem kỹ", "Matches without diacritics — look closely";
    MatchDifferent => "KHÔNG KHỚP", "DOES NOT MATCH";
    MatchUnknown => "Không đọc được", "Unreadable";
    CardEmpty => "Chưa đọc được gì từ thẻ.", "Nothing was read from the card.";
    CardNotACard => "Đây không phải mã QR của thẻ CCCD.", "This is not the QR of a CCCD card.";
    CardBadNumber => "Số trên thẻ không phải 12 chữ số.", "The number on the card is not 12 digits.";
    CardMissingName => "Thẻ không có họ tên.", "The card has no name.";
    CardBadBirthDate => "Ngày sinh trên thẻ không đọc được.", "The birth date on the card is unreadable.";
    CheckpointDayTitle => "Lượt qua chốt trong ngày", "A checkpoint's day";
    DayLabel => "Ngày (để trống: hôm nay)", "Day (empty: today)";
    ShowDay => "Xem", "Show";
    CountTotal => "Tổng số lượt", "All crossings";
    CountGreen => "Hợp lệ", "Valid";
    CountAmber => "Cần xử lý", "Action needed";
    CountRed => "Không hợp lệ", "Not valid";
    CountSentLate => "Ghi khi mất mạng, gửi sau", "Recorded offline, sent later";
    SentLate => "(gửi sau)", "(sent later)";
    DeviceBacklog => "Lượt còn nằm trên máy quét", "Crossings still on devices";
    DevicesTitle => "Máy quét của chốt (lần báo gần nhất)", "The checkpoint's scanners (last report)";
    DeviceLabel => "Máy", "Device";
    LastReport => "Báo lúc", "Reported at";
    CrossingsTitle => "Các lượt qua chốt", "Crossings";
    VerdictLabel => "Kết quả", "Verdict";
    NumberNeedsNetwork => "Tra cứu theo số giấy tờ cần có mạng. Hãy quét mã QR của người đi đường.", "Looking up an ID number needs the network. Scan the traveller's QR instead.";
    StartCamera => "Bật camera quét", "Start the camera";
    StopCamera => "Tắt camera", "Stop the camera";
    Torch => "Đèn pin", "Torch";
    Viewfinder => "Hình ảnh camera để quét mã QR", "Camera view for scanning QR codes";
    ReasonValid => "Thẻ hợp lệ.", "Valid pass.";
    ReasonFromEpidemicArea => "Đến từ vùng dịch.", "Comes from an epidemic area.";
    ReasonExpired => "Thẻ đã hết hạn.", "The pass has expired.";
    ReasonNotYetValid => "Thẻ chưa đến giờ hiệu lực: kiểm tra đồng hồ của máy.", "The pass is not valid yet: check the device clock.";
    ReasonRevoked => "Thẻ đã bị chủ thẻ hủy hoặc thay bằng tờ khai mới hơn.", "The pass was cancelled by its holder or replaced by a newer declaration.";
    ReasonUnknownKey => "Thẻ được ký bằng khoá không rõ.", "The pass is signed with an unknown key.";
    ReasonForged => "Chữ ký không khớp: thẻ bị sửa hoặc làm giả.", "The signature does not match: the pass was altered or forged.";
    ReasonUnreadable => "Không phải thẻ ZonePass hoặc không đọc được.", "Not a ZonePass pass, or unreadable.";
    ReasonNoPass => "Không có thẻ đi lại còn hiệu lực cho số giấy tờ này.", "No live pass for this ID number.";
    ActionLetThrough => "Cho qua", "Let through";
    ActionNotifyDestination => "Cho qua, báo xã/phường nơi đến", "Let through, tell the destination commune";
    ActionSendForTesting => "Đưa đi xét nghiệm", "Send for testing";
    ActionTurnBack => "Yêu cầu quay lại", "Turn back";
    ProblemNotAClientId => "Mã lượt quét không hợp lệ.", "Not a valid crossing id.";
    ProblemMissingIdentity => "Thiếu mã QR đọc được hoặc số giấy tờ.", "Needs a readable QR or an ID number.";
    ProblemNotADocumentNumber => "Số giấy tờ gồm 9 hoặc 12 chữ số.", "An ID number is 9 or 12 digits.";
    ProblemNotATime => "Thời điểm không hợp lệ (RFC 3339).", "Not a valid time (RFC 3339).";
    ProblemTooOld => "Lượt quét quá cũ (hơn 7 ngày).", "The scan is too old (over 7 days).";
    ErrUnauthenticated => "Bạn chưa đăng nhập hoặc phiên đã hết hạn.", "You are not logged in, or your session has expired.";
    ErrBadCredentials => "Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password.";
    ErrAccountDisabled => "Tài khoản này đã bị khoá. Hãy liên hệ quản trị viên.", "This account is disabled. Contact an administrator.";
    ErrThrottled => "Quá nhiều lần thử. Vui lòng đợi một phút rồi thử lại.", "Too many attempts. Wait a minute and try again.";
    ErrForbidden => "Bạn không có quyền với dữ liệu này.", "You are not allowed to access this.";
    ErrNotFound => "Không tìm thấy.", "Not found.";
    ErrBadUsername => "Tên đăng nhập dài 3–40 ký tự: chữ thường không dấu, số, '.', '_' hoặc '-'.", "A username is 3 to 40 characters: lower-case letters, digits, '.', '_' or '-'.";
    ErrPasswordTooShort => "Mật khẩu phải có ít nhất 10 ký tự.", "The password must be at least 10 characters.";
    ErrPasswordTooLong => "Mật khẩu dài tối đa 128 ký tự.", "The password may be at most 128 characters.";
    ErrPasswordMismatch => "Hai lần nhập mật khẩu mới không khớp.", "The two new passwords do not match.";
    ErrWrongCurrentPassword => "Mật khẩu hiện tại không đúng.", "The current password is wrong.";
    ErrUnknownRole => "Vai trò không hợp lệ.", "Unknown role.";
    ErrUnitRequired => "Vai trò này cần mã đơn vị.", "This role needs a unit code.";
    ErrUnknownUnit => "Không có đơn vị hành chính với mã này.", "There is no administrative unit with this code.";
    ErrUnitLevelMismatch => "Đơn vị không đúng cấp của vai trò.", "The unit is not at the level this role works at.";
    ErrCheckpointRequired => "Vai trò này cần mã chốt.", "This role needs a checkpoint code.";
    ErrUnknownCheckpoint => "Không có chốt với mã này.", "There is no checkpoint with this code.";
    ErrScopeNotAllowed => "Vai trò này không gắn với đơn vị hay chốt.", "This role is not bound to a unit or checkpoint.";
    ErrUsernameTaken => "Tên đăng nhập đã có người dùng.", "That username is already taken.";
    ErrCheckpointCodeTaken => "Mã chốt đã tồn tại.", "That checkpoint code already exists.";
    ErrBadCheckpointCode => "Mã chốt gồm 2–12 chữ in hoa hoặc số, ví dụ HD01.", "A checkpoint code is 2 to 12 capital letters or digits, e.g. HD01.";
    ErrBadDocumentNumber => "Số giấy tờ gồm 9 hoặc 12 chữ số.", "A document number is 9 or 12 digits.";
    ErrBadPhone => "Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.", "A mobile number is 10 digits starting with 03, 05, 07, 08 or 09.";
    ErrInvalidDeclaration => "Tờ khai còn thông tin chưa đúng. Vui lòng sửa các mục được đánh dấu.", "Some answers in the declaration need fixing: see the marked fields.";
    ProblemRequired => "Mục này bắt buộc.", "This field is required.";
    ProblemTooLong => "Nội dung quá dài.", "This is too long.";
    ProblemNotAChoice => "Hãy chọn một giá trị trong danh sách.", "Choose one of the listed options.";
    ProblemCccdNotTwelveDigits => "Số CCCD gồm đúng 12 chữ số.", "A CCCD number is exactly 12 digits.";
    ProblemCccdUnknownProvince => "Ba số đầu của CCCD không phải mã tỉnh nơi đăng ký khai sinh.", "The first three digits of a CCCD must be a province code.";
    ProblemCccdBirthYearMismatch => "Số CCCD không khớp với năm sinh đã khai. Kiểm tra lại số CCCD hoặc ngày sinh.", "The CCCD number does not match the birth year given. Check the number or the date of birth.";
    ProblemCccdSexMismatch => "Số CCCD không khớp với giới tính đã khai.", "The CCCD number does not match the sex given.";
    ProblemCmndNotNineOrTwelveDigits => "Số CMND gồm 9 hoặc 12 chữ số.", "A CMND number is 9 or 12 digits.";
    ProblemNotADate => "Ngày không hợp lệ.", "This is not a valid date.";
    ProblemInTheFuture => "Ngày không được ở tương lai.", "The date cannot be in the future.";
    ProblemAheadOfServer => "Giờ ghi nhận đi trước giờ máy chủ: đồng hồ máy chạy nhanh.", "Stamped ahead of the server's time: this phone's clock runs fast.";
    ProblemTooFarAhead => "Chỉ khai báo cho chuyến đi trong vòng 14 ngày tới.", "Declare only trips within the next 14 days.";
    ProblemInThePast => "Ngày đi không được trước hôm qua.", "The travel date cannot be before yesterday.";
    ProblemNotAName => "Họ tên chỉ gồm chữ cái, khoảng trắng, dấu nháy, gạch nối và dấu chấm.", "A name has only letters, spaces, apostrophes, hyphens and dots.";
    ProblemNotAVietnameseMobile => "Số điện thoại di động Việt Nam gồm 10 số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.", "A Vietnamese mobile number has 10 digits starting with 03, 05, 07, 08 or 09.";
    ProblemNotACommune => "Hãy chọn một xã/phường.", "Choose a commune.";
    ProblemTooMany => "Số mũi tiêm không hợp lệ.", "The number of doses is not valid.";
    ErrBadBatchSize => "Gửi từ 1 đến 500 lượt qua chốt mỗi lần.", "Send between 1 and 500 crossings at a time.";
    ErrInvalidCrossings => "Lượt qua chốt không hợp lệ nên chưa được lưu.", "The crossing is not valid and was not stored.";
    RefusedTitle => "Lượt qua chốt máy chủ không nhận", "Crossings the server refused";
    RefusedHelp => "Các lượt khác vẫn được gửi. Sửa giờ nếu đồng hồ máy chạy nhanh, hoặc bỏ lượt không sửa được (việc bỏ được ghi lại).", "The other crossings are still sent. Correct the time if this phone's clock runs fast, or discard one that cannot be corrected (discarding is recorded).";
    RefusedCorrect => "Sửa giờ theo máy chủ", "Correct the time to the server's";
    RefusedDiscard => "Bỏ lượt này", "Discard this crossing";
    DiscardNeedsNetwork => "Bỏ lượt cần có mạng để được ghi lại. Hãy thử lại khi có mạng.", "Discarding needs the network, to be recorded. Try again when online.";
    ErrBadDate => "Ngày không hợp lệ (định dạng NNNN-TT-NN).", "Not a valid date (YYYY-MM-DD).";
    ErrBadLevel => "Cấp độ dịch phải từ 1 đến 4.", "The risk level must be 1 to 4.";
    ErrEndsBeforeStart => "Ngày kết thúc phải sau ngày bắt đầu.", "The end must come after the start.";
    ErrBadAction => "Biện pháp xử lý không hợp lệ.", "Not a checkpoint action.";
    ErrTooLong => "Nội dung quá dài.", "This is too long.";
    NavPaper => "Phiếu khai giấy", "Paper forms";
    PaperTitle => "Nhập tờ khai giấy", "Paper declarations";
    PaperEntryTitle => "Nhập một phiếu", "Type a form";
    PaperEntryHint => "Gõ theo thứ tự trên phiếu; Tab sang ô sau, Enter để lưu. Ngày gõ ddmmyyyy hoặc dd/mm/yyyy; xã/phường gõ tên (có dấu hay không) hoặc mã.", "Type in the order of the paper; Tab to the next field, Enter to save. Dates as ddmmyyyy or dd/mm/yyyy; a commune by its name (with or without marks) or its code.";
    FormNumber => "Số phiếu", "Form number";
    CollectedOn => "Ngày thu phiếu (trống là hôm nay)", "Collected on (blank for today)";
    ChoosePlace => "Nhiều xã/phường mang tên này, hãy chọn một", "Several communes bear this name: choose one";
    SavePaper => "Lưu phiếu", "Save the form";
    Illegible => "Chữ khó đọc: để kiểm tra sau", "Illegible: keep to check later";
    FoundSameTrip => "Người này đã khai cho cùng chuyến đi. Gộp phiếu vào bản khai đó, hoặc ghi lý do để tạo bản ghi riêng.", "This person already declared the same trip. Link the form to that declaration, or give a reason to keep a separate record.";
    LinkToThis => "Gộp vào bản khai này", "Link to this declaration";
    SeparateReason => "Lý do tạo bản ghi riêng", "Reason for a separate record";
    KeepSeparate => "Tạo bản ghi riêng", "Keep a separate record";
    Channel => "Hình thức", "Channel";
    ChannelOnline => "Trực tuyến", "Online";
    ChannelPaper => "Phiếu giấy", "Paper";
    PaperCreated => "Đã lưu phiếu và cấp thẻ đi lại 72 giờ.", "Form saved; a 72-hour pass was issued.";
    PrintPass => "In thẻ cho người khai (khổ A6)", "Print the traveller's pass (A6)";
    PaperLinked => "Đã gộp phiếu vào bản khai sẵn có của người này.", "Form linked to this person's existing declaration.";
    PaperKept => "Đã giữ phiếu trong danh sách cần kiểm tra.", "Form kept in the list to check.";
    PaperAlreadyTyped => "Phiếu này đã được nhập trước đó; không có gì thay đổi.", "This form was typed before; nothing changed.";
    BatchTitle => "Số phiếu theo ngày", "Forms by day";
    BatchDay => "Ngày thu (trống là hôm nay)", "Day collected (blank for today)";
    FormsCollected => "Số phiếu đã thu", "Forms collected";
    SaveCount => "Lưu số phiếu", "Save the count";
    Collected => "Đã thu", "Collected";
    Typed => "Đã nhập", "Typed";
    ToCheck => "Cần kiểm tra", "To check";
    Untyped => "Chưa nhập", "Not typed";
    OldestWaiting => "Chờ lâu nhất (phút)", "Oldest waiting (minutes)";
    WaitingTitle => "Phiếu cần kiểm tra", "Forms to check";
    TypeAgain => "Nhập lại", "Type again";
    TemplateLink => "Tải mẫu tệp CSV để nhập hàng loạt", "Download the CSV template for bulk import";
    PrintHint => "Nhấn Ctrl+P (hoặc In trên trình duyệt) để in trên khổ A6.", "Press Ctrl+P (or Print in the browser) to print on A6.";
    BackToPaper => "Nhập phiếu tiếp", "Type the next form";
    UploadTitle => "Nhập hàng loạt từ tệp CSV", "Bulk import from a CSV file";
    UploadFile => "Tệp CSV (UTF-8)", "CSV file (UTF-8)";
    UploadOnError => "Khi có dòng sai", "When a row is wrong";
    UploadSkip => "Lưu các dòng đúng, liệt kê dòng sai", "Store the good rows, list the bad ones";
    UploadReject => "Không lưu gì cả", "Store nothing";
    UploadButton => "Tải lên và nhập", "Upload and import";
    Uploading => "Đang tải lên", "Uploading";
    ImportReport => "Kết quả nhập tệp", "Import report";
    ImportDone => "Đã nhập tệp.", "The file was imported.";
    ImportRefused => "Tệp bị từ chối: không lưu dòng nào.", "The file was refused: nothing was stored.";
    ImportedNew => "Bản ghi mới", "New records";
    ImportedLinked => "Gộp vào bản khai sẵn có", "Linked to existing declarations";
    ImportedDuplicates => "Đã nhập trước đó", "Already imported";
    ImportedRejected => "Dòng bị từ chối", "Rejected rows";
    Line => "Dòng", "Line";
    Column => "Cột", "Column";
    Problem => "Lỗi", "Problem";
    ProblemMissingColumn => "Thiếu cột này trong dòng tiêu đề.", "The header lacks this column.";
    ProblemNotUtf8 => "Tệp không phải UTF-8 từ dòng này; lưu lại tệp với mã hóa UTF-8.", "The file is not UTF-8 from this line on; save it again as UTF-8.";
    ProblemWrongFieldCount => "Dòng có số ô khác dòng tiêu đề.", "The row has a different number of cells than the header.";
    ProblemNotCsv => "Dòng không đọc được như CSV (dấu ngoặc kép chưa đóng?).", "The row cannot be read as CSV (an unclosed quote?).";
    ProblemFormNumberRepeated => "Số phiếu này đã có ở dòng trước với nội dung khác.", "An earlier row has this form number with other contents.";
    ProblemFormNumberTaken => "Số phiếu này đã được nhập với nội dung khác.", "This form number was already typed with other contents.";
    PaperBacklogTitle => "Phiếu giấy chưa nhập tại các chốt", "Paper forms left to type at the checkpoints";
    ErrBadRequest => "Yêu cầu không hợp lệ.", "The request is not valid.";
    ErrUnexpected => "Đã có lỗi xảy ra. Vui lòng thử lại.", "Something went wrong. Please try again.";
    ErrTooLarge => "Yêu cầu quá lớn.", "The request is too large.";
    ErrNotTheHolder => "Chỉ thay được thẻ của chính người khai: số giấy tờ phải trùng với thẻ cũ.", "A pass can only be replaced by a declaration for the same person: the ID number must match the old pass.";
    ErrFormNumberTaken => "Số phiếu này đã được nhập với nội dung khác. Kiểm tra lại số phiếu trên tờ giấy.", "This form number was already typed with other contents. Check the number on the paper.";
    NavLists => "Danh sách hằng ngày", "Daily lists";
    ListsTitle => "Danh sách người đến hằng ngày", "Daily arrival lists";
    ListsDate => "Ngày", "Date";
    ListsShow => "Xem", "Show";
    ListsCountry => "Toàn quốc", "Whole country";
    ListsStatus => "Trạng thái", "Status";
    ListStatusOpen => "Chưa chốt", "Not closed yet";
    ListStatusClosed => "Đã chốt", "Closed";
    ListStatusNew => "Mới", "New";
    ListStatusForwarded => "Đã chuyển", "Forwarded";
    ListStatusAcknowledged => "Đã nhận", "Acknowledged";
    ListOverdue => "Quá hạn xác nhận", "Overdue";
    ListUnitsBelow => "Đơn vị cấp dưới", "Units below";
    ListUnit => "Đơn vị", "Unit";
    ListArrivals => "Người đến", "Arrivals";
    ListCrossed => "Đã qua chốt", "Crossed a checkpoint";
    ListCrossingOnly => "Qua chốt, không khai báo", "Crossed without a declaration";
    ListOnline => "Khai trực tuyến", "Declared online";
    ListPaper => "Khai phiếu giấy", "Declared on paper";
    ListAddendum => "Bổ sung sau khi chốt", "Addendum (after the close)";
    ListForward => "Chuyển danh sách", "Forward the list";
    ListForwardAddendum => "Chuyển phần bổ sung", "Forward the addendum";
    ListAcknowledge => "Xác nhận đã nhận danh sách", "Acknowledge the list";
    ListForwardedBy => "Người chuyển", "Forwarded by";
    ListAcknowledgedBy => "Người nhận", "Acknowledged by";
    ListForwardedNotice => "Đã chuyển danh sách.", "The list was forwarded.";
    ListAcknowledgedNotice => "Đã xác nhận nhận danh sách.", "The list was acknowledged.";
    ListPeople => "Danh sách người đến", "People on the list";
    ListNoArrivals => "Không có người đến trong danh sách này.", "Nobody is on this list.";
    ListPurged => "Thông tin cá nhân của ngày này đã được xoá khi hết thời hạn lưu trữ; các số liệu vẫn giữ nguyên.", "The personal records of this day were deleted when the retention period ended; the figures stay as they were.";
    ListCountsOnly => "Tài khoản của bạn chỉ xem được số liệu, không xem được thông tin cá nhân.", "Your account sees the figures only, not personal data.";
    ListDownloadCsv => "Tải CSV", "Download CSV";
    ListDownloadXlsx => "Tải Excel (XLSX)", "Download Excel (XLSX)";
    ListLastDays => "14 ngày gần nhất", "The last 14 days";
    ListChartDescription => "Biểu đồ số người đến mỗi ngày; bảng số liệu ở dưới.", "Chart of arrivals per day; the figures are in the table below.";
    ListUp => "Lên cấp trên", "Up one level";
    ListCheckpoints => "Các chốt trong ngày", "Checkpoints on the day";
    ListEntering => "Lượt vào", "Crossings in";
    ListLeaving => "Lượt ra", "Crossings out";
    ListPeopleSeen => "Số người", "People";
    ListAreas => "Vùng dịch đang áp dụng", "Epidemic areas in force";
    ListNoAreas => "Không có vùng dịch nào đang áp dụng ở đơn vị này.", "No epidemic area is in force here.";
    ColSince => "Từ", "Since";
    ColUntil => "Đến", "Until";
    ColDocument => "Số giấy tờ", "Document number";
    ColFullName => "Họ và tên", "Full name";
    ColBirthDate => "Ngày sinh", "Birth date";
    ColSex => "Giới tính", "Sex";
    ColOrigin => "Nơi đi", "Travelling from";
    ColDestination => "Nơi đến", "Travelling to";
    ColTravelDate => "Ngày đi", "Travel date";
    ColChannel => "Hình thức", "Channel";
    ColCrossedAt => "Thời điểm qua chốt", "Crossed at";
    ColCheckpoint => "Chốt", "Checkpoint";
    ColPart => "Phần", "Part";
    ColDeclaredDoses => "Mũi tiêm (khai)", "Doses (declared)";
    ColRegisteredDoses => "Mũi tiêm (dữ liệu tiêm chủng)", "Doses (on record)";
    ColDosesDiffer => "Khác nhau", "Differ";
    DosesDiffer => "Khác dữ liệu tiêm chủng", "Differs from the record";
    DosesLabel => "Số mũi tiêm", "Vaccine doses";
    DosesDeclared => "khai", "declared";
    DosesOnRecord => "theo dữ liệu tiêm chủng", "on record";
    Yes => "Có", "Yes";
    No => "Không", "No";
    ErrDayNotOver => "Ngày này chưa kết thúc nên chưa thể chốt danh sách.", "This day is not over yet, so its lists cannot be closed.";
    ErrDayNotClosed => "Danh sách của ngày này chưa được chốt nên chưa thể chuyển.", "This day's lists are not closed yet, so they cannot be handed over.";
    ErrListNotForwarded => "Cấp trên chưa chuyển danh sách này, nên chưa thể xác nhận đã nhận.", "The level above has not forwarded this list yet, so it cannot be acknowledged.";
    ErrAddendumEmpty => "Danh sách bổ sung của ngày này chưa có ai, nên không có gì để chuyển.", "This day's addendum has nobody on it, so there is nothing to forward.";
    ErrDecisionDoesNotFit => "Quyết định này không phù hợp với thông tin trong cơ sở dữ liệu dân cư.", "This decision does not fit what the population registry holds.";
    ErrNothingCorrected => "Hãy nhập ít nhất một thông tin cần sửa.", "Enter at least one fact to correct.";
    ErrCorrectionsNotExpected => "Quyết định này không kèm thông tin sửa; hãy chọn sửa tờ khai hoặc đề nghị sửa dữ liệu dân cư.", "This decision corrects nothing; choose to correct the declaration or to propose a registry correction.";
    ErrBadCorrection => "Thông tin sửa không hợp lệ (ngày, giới tính hoặc mã xã không đúng).", "A corrected fact is not valid (a date, sex or commune code that is wrong).";
    ErrEvidenceRequired => "Đề nghị sửa dữ liệu dân cư cần ghi rõ căn cứ (giấy tờ đã xem).", "A registry correction needs the evidence it rests on (the document seen).";
    NavReconciliation => "Đối soát dân cư", "Reconciliation";
    ReconTitle => "Đối soát người đến với cơ sở dữ liệu dân cư", "Reconcile arrivals with the population registry";
    ReconHelp => "Mỗi người đến xã đã được tra cứu trong cơ sở dữ liệu dân cư. Kiểm tra đề xuất, đối chiếu giấy tờ và lưu quyết định.", "Each person arriving in the commune has been looked up in the population registry. Check the proposal against their papers and save a decision.";
    ReconDone => "Đã xử lý", "Done";
    ReconLeft => "Còn lại", "Left";
    ReconNobody => "Không có người đến xã trong ngày này.", "Nobody arrived in the commune on this day.";
    ProposalResidentHere => "Cư trú tại xã, thông tin khớp: xác nhận", "Resident here, facts agree: confirm";
    ProposalRegisteredElsewhere => "Đăng ký cư trú nơi khác: ghi nhận tạm trú", "Registered elsewhere: record a temporary stay";
    ProposalNotFound => "Không có trong cơ sở dữ liệu dân cư", "Not in the population registry";
    ProposalDiffers => "Thông tin khác với cơ sở dữ liệu dân cư", "Differs from the population registry";
    DecisionConfirm => "Xác nhận", "Confirm";
    DecisionTemporaryStay => "Ghi nhận tạm trú", "Record a temporary stay";
    DecisionCorrectDeclaration => "Sửa tờ khai theo thông tin đúng", "Correct the declaration";
    DecisionProposeRegistryCorrection => "Đề nghị sửa cơ sở dữ liệu dân cư", "Propose a registry correction";
    ReconDecision => "Quyết định", "Decision";
    ReconDecided => "Đã quyết định", "Decided";
    ReconDecidedNotice => "Đã lưu quyết định đối soát.", "The decision is saved.";
    ReconDifferences => "Thông tin khác nhau", "Facts that differ";
    ReconField => "Thông tin", "Fact";
    ReconDeclared => "Khai báo", "Declared";
    ReconRegistered => "Cơ sở dữ liệu dân cư", "Population registry";
    ReconResidenceCommune => "Xã/phường cư trú", "Commune of residence";
    ReconCorrections => "Thông tin đúng", "Correct facts";
    ReconNote => "Ghi chú, căn cứ (giấy tờ đã xem)", "Note, evidence (papers seen)";
    ReconDoses => "Số mũi vắc-xin: khai báo / đã ghi nhận", "Vaccine doses: declared / on record";
    ReconDosesDiffer => "Không khớp", "Differ";
    ReconSave => "Lưu quyết định", "Save the decision";
    NavReport => "Báo cáo ngày", "Daily report";
    NavCorrections => "Đề nghị sửa dữ liệu dân cư", "Registry corrections";
    CorrTitle => "Đề nghị sửa cơ sở dữ liệu dân cư", "Corrections proposed to the population registry";
    CorrHelp => "Các đề nghị sửa do Công an xã lập khi đối soát, kèm giá trị hiện có và căn cứ. Trưởng Công an xã chấp nhận hoặc từ chối; các đề nghị được chấp nhận được gửi về cơ sở dữ liệu quốc gia về dân cư.", "Corrections the commune police proposed while reconciling, with the registry's values and the evidence. The commune chief accepts or rejects each; the accepted ones go to the national population database.";
    CorrNone => "Chưa có đề nghị sửa nào.", "No correction has been proposed.";
    CorrProposed => "Chờ duyệt", "Waiting for review";
    CorrAccepted => "Đã chấp nhận", "Accepted";
    CorrRejected => "Đã từ chối", "Rejected";
    CorrAccept => "Chấp nhận", "Accept";
    CorrReject => "Từ chối", "Reject";
    CorrProposedValue => "Đề nghị", "Proposed";
    CorrEvidence => "Căn cứ", "Evidence";
    CorrProposedBy => "Người đề nghị", "Proposed by";
    CorrDownload => "Tải tệp các đề nghị đã chấp nhận (CSV) để gửi cơ sở dữ liệu quốc gia về dân cư", "Download the accepted corrections (CSV) for the national population database";
    CorrReviewedNotice => "Đã ghi nhận ý kiến duyệt.", "The review is saved.";
    ReportTitle => "Báo cáo Ban chỉ đạo phòng, chống dịch", "Report to the epidemic steering committee";
    ReportMain => "Tổng hợp trong ngày", "The day in figures";
    ReportNoArea => "Không thuộc vùng dịch", "In no epidemic area";
    ReportLevel => "Cấp độ", "Level";
    ReportNotApproved => "Chưa phê duyệt", "Not approved yet";
    ReportApprove => "Phê duyệt báo cáo", "Approve the report";
    ReportApprovedNotice => "Đã phê duyệt báo cáo; số liệu đã được khóa.", "The report is approved and its figures locked.";
    ReportArrivals => "Số người đến", "Arrivals";
    ReportFromProvince => "Đến từ tỉnh/thành", "From province";
    ReportOriginLevel => "Cấp độ dịch nơi đi", "Epidemic level where they came from";
    ReportConfirmed => "Đã xác minh cư trú", "Residence confirmed";
    ReportPending => "Chờ xác minh", "Waiting for reconciliation";
    ReportDeclaredDoses => "Số mũi tiêm (tự khai)", "Doses (declared)";
    ReportNotDeclared => "Không khai", "Not declared";
    ReportDosesDiffer => "Khai khác dữ liệu tiêm chủng", "Declared doses differ from the record";
    ReportDone => "Đã đối chiếu", "Reconciled";
    ReportBelow => "Tiến độ đối chiếu của các đơn vị trực thuộc", "Reconciliation progress of the units below";
    ReportNotFound => "Không có trong cơ sở dữ liệu dân cư", "Not in the population registry";
    ReportDoses => "Số mũi vắc-xin đã ghi nhận", "Vaccine doses on record";
    ReportFollowUp => "Cần theo dõi (từ vùng cấp 3, 4)", "To follow up (from level 3 or 4 areas)";
    ReportApprovedBy => "Người phê duyệt", "Approved by";
    ReportApprovedAt => "Thời điểm phê duyệt", "Approved at";
    ReportAmendment => "Điều chỉnh sau phê duyệt", "Amended after approval";
    ReportFigure => "Chỉ tiêu", "Figure";
    ReportValue => "Số liệu", "Value";
    ErrCorrectionReviewed => "Đề nghị sửa này đã được xem xét.", "This correction has been reviewed already.";
    ErrIdempotencyKeyReused => "Khóa Idempotency-Key này đã dùng cho một yêu cầu khác.", "This Idempotency-Key was used with a different request.";
}

impl Text {
    pub fn for_error(code: ErrorCode) -> Text {
        match code {
            ErrorCode::Unauthenticated => Text::ErrUnauthenticated,
            ErrorCode::BadCredentials => Text::ErrBadCredentials,
            ErrorCode::AccountDisabled => Text::ErrAccountDisabled,
            ErrorCode::Throttled => Text::ErrThrottled,
            ErrorCode::Forbidden => Text::ErrForbidden,
            ErrorCode::NotFound => Text::ErrNotFound,
            ErrorCode::BadUsername => Text::ErrBadUsername,
            ErrorCode::PasswordTooShort => Text::ErrPasswordTooShort,
            ErrorCode::PasswordTooLong => Text::ErrPasswordTooLong,
            ErrorCode::PasswordMismatch => Text::ErrPasswordMismatch,
            ErrorCode::WrongCurrentPassword => Text::ErrWrongCurrentPassword,
            ErrorCode::UnknownRole => Text::ErrUnknownRole,
            ErrorCode::UnitRequired => Text::ErrUnitRequired,
            ErrorCode::UnknownUnit => Text::ErrUnknownUnit,
            ErrorCode::UnitLevelMismatch => Text::ErrUnitLevelMismatch,
            ErrorCode::CheckpointRequired => Text::ErrCheckpointRequired,
            ErrorCode::UnknownCheckpoint => Text::ErrUnknownCheckpoint,
            ErrorCode::ScopeNotAllowed => Text::ErrScopeNotAllowed,
            ErrorCode::UsernameTaken => Text::ErrUsernameTaken,
            ErrorCode::CheckpointCodeTaken => Text::ErrCheckpointCodeTaken,
            ErrorCode::BadCheckpointCode => Text::ErrBadCheckpointCode,
            ErrorCode::BadDocumentNumber => Text::ErrBadDocumentNumber,
            ErrorCode::BadPhone => Text::ErrBadPhone,
            ErrorCode::InvalidDeclaration => Text::ErrInvalidDeclaration,
            ErrorCode::BadRequest => Text::ErrBadRequest,
            ErrorCode::TooLong => Text::ErrTooLong,
            ErrorCode::BadAction => Text::ErrBadAction,
            ErrorCode::EndsBeforeStart => Text::ErrEndsBeforeStart,
            ErrorCode::BadLevel => Text::ErrBadLevel,
            ErrorCode::BadDate => Text::ErrBadDate,
            ErrorCode::InvalidCrossings => Text::ErrInvalidCrossings,
            ErrorCode::BadBatchSize => Text::ErrBadBatchSize,
            ErrorCode::IdempotencyKeyReused => Text::ErrIdempotencyKeyReused,
            ErrorCode::TooLarge => Text::ErrTooLarge,
            ErrorCode::NotTheHolder => Text::ErrNotTheHolder,
            ErrorCode::FormNumberTaken => Text::ErrFormNumberTaken,
            ErrorCode::DayNotOver => Text::ErrDayNotOver,
            ErrorCode::DayNotClosed => Text::ErrDayNotClosed,
            ErrorCode::ListNotForwarded => Text::ErrListNotForwarded,
            ErrorCode::AddendumEmpty => Text::ErrAddendumEmpty,
            ErrorCode::DecisionDoesNotFit => Text::ErrDecisionDoesNotFit,
            ErrorCode::NothingCorrected => Text::ErrNothingCorrected,
            ErrorCode::CorrectionsNotExpected => Text::ErrCorrectionsNotExpected,
            ErrorCode::BadCorrection => Text::ErrBadCorrection,
            ErrorCode::EvidenceRequired => Text::ErrEvidenceRequired,
            ErrorCode::CorrectionReviewed => Text::ErrCorrectionReviewed,
            ErrorCode::Unexpected => Text::ErrUnexpected,
        }
    }

    /// The label of a paper form's column: a declaration field's own, or the paper's.
    pub fn for_column(column: domain::paper::Column) -> Text {
        use domain::paper::Column;
        match column {
            Column::FormNumber => Text::FormNumber,
            Column::CollectedOn => Text::CollectedOn,
            Column::CloseContact => Text::CloseContact,
            other => domain::declaration::Field::parse(other.as_str())
                .map_or(Text::FormNumber, Text::for_field),
        }
    }

    pub fn for_field(field: domain::declaration::Field) -> Text {
        use domain::declaration::Field::*;
        match field {
            DocumentType => Text::DocumentType,
            DocumentNumber => Text::DocumentNumber,
            FullName => Text::FullName,
            BirthDate => Text::BirthDate,
            Sex => Text::Sex,
            Phone => Text::Phone,
            ResidenceCommune => Text::ResidencePlace,
            ResidenceAddress => Text::ResidenceAddress,
            OriginCommune => Text::OriginPlace,
            DestinationCommune => Text::DestinationPlace,
            TravelDate => Text::TravelDate,
            Vehicle => Text::Vehicle,
            VehiclePlate => Text::VehiclePlate,
            Symptoms => Text::SymptomsLegend,
            VaccinationDoses => Text::VaccinationDoses,
        }
    }

    pub fn for_vehicle(v: domain::declaration::Vehicle) -> Text {
        use domain::declaration::Vehicle::*;
        match v {
            Car => Text::VehicleCar,
            Motorbike => Text::VehicleMotorbike,
            Bus => Text::VehicleBus,
            Train => Text::VehicleTrain,
            Plane => Text::VehiclePlane,
            Boat => Text::VehicleBoat,
            Other => Text::VehicleOther,
        }
    }

    pub fn for_symptom(s: domain::declaration::Symptom) -> Text {
        use domain::declaration::Symptom::*;
        match s {
            Fever => Text::SymFever,
            Cough => Text::SymCough,
            ShortnessOfBreath => Text::SymShortnessOfBreath,
            SoreThroat => Text::SymSoreThroat,
            Nausea => Text::SymNausea,
            Diarrhoea => Text::SymDiarrhoea,
            SkinBleeding => Text::SymSkinBleeding,
            Rash => Text::SymRash,
        }
    }

    pub fn for_reason(reason: domain::verdict::Reason) -> Text {
        use domain::verdict::Reason::*;
        match reason {
            Valid => Text::ReasonValid,
            FromEpidemicArea { .. } => Text::ReasonFromEpidemicArea,
            Expired => Text::ReasonExpired,
            NotYetValid => Text::ReasonNotYetValid,
            Revoked => Text::ReasonRevoked,
            UnknownKey => Text::ReasonUnknownKey,
            Forged => Text::ReasonForged,
            Unreadable => Text::ReasonUnreadable,
            NoPass => Text::ReasonNoPass,
        }
    }

    pub fn for_direction(direction: domain::crossing::Direction) -> Text {
        match direction {
            domain::crossing::Direction::In => Text::DirectionIn,
            domain::crossing::Direction::Out => Text::DirectionOut,
        }
    }

    pub fn for_action(action: domain::rules::CheckpointAction) -> Text {
        use domain::rules::CheckpointAction::*;
        match action {
            LetThrough => Text::ActionLetThrough,
            NotifyDestination => Text::ActionNotifyDestination,
            SendForTesting => Text::ActionSendForTesting,
            TurnBack => Text::ActionTurnBack,
        }
    }

    pub fn for_card_error(e: domain::card::CardQrError) -> Text {
        use domain::card::CardQrError::*;
        match e {
            Empty => Text::CardEmpty,
            NotACard => Text::CardNotACard,
            BadNumber => Text::CardBadNumber,
            MissingName => Text::CardMissingName,
            BadBirthDate => Text::CardBadBirthDate,
        }
    }

    pub fn for_field_match(m: domain::card::FieldMatch) -> Text {
        use domain::card::FieldMatch::*;
        match m {
            Same => Text::MatchSame,
            SameWithoutDiacritics => Text::MatchNoDiacritics,
            Different => Text::MatchDifferent,
            Unknown => Text::MatchUnknown,
        }
    }

    /// The words for a crossing's problem code (see `domain::crossing`).
    pub fn for_crossing_problem(problem: &str) -> Text {
        match problem {
            "not_a_client_id" => Text::ProblemNotAClientId,
            "missing_identity" => Text::ProblemMissingIdentity,
            "not_a_document_number" => Text::ProblemNotADocumentNumber,
            "not_a_time" => Text::ProblemNotATime,
            "in_the_future" => Text::ProblemAheadOfServer,
            "too_old" => Text::ProblemTooOld,
            _ => Text::ProblemNotAChoice,
        }
    }

    /// The words for a problem code of an import's rejected row: a declaration problem or the file's own.
    pub fn for_import_problem(code: &str) -> Text {
        match code {
            "missing_column" => Text::ProblemMissingColumn,
            "not_utf8" => Text::ProblemNotUtf8,
            "wrong_field_count" => Text::ProblemWrongFieldCount,
            "not_csv" => Text::ProblemNotCsv,
            "form_number_repeated" => Text::ProblemFormNumberRepeated,
            "form_number_taken" => Text::ProblemFormNumberTaken,
            other => domain::declaration::Problem::parse(other)
                .map_or(Text::ProblemNotAChoice, Text::for_problem),
        }
    }

    pub fn for_problem(problem: domain::declaration::Problem) -> Text {
        use domain::declaration::Problem::*;
        match problem {
            Required => Text::ProblemRequired,
            TooLong => Text::ProblemTooLong,
            NotAChoice => Text::ProblemNotAChoice,
            CccdNotTwelveDigits => Text::ProblemCccdNotTwelveDigits,
            CccdUnknownProvince => Text::ProblemCccdUnknownProvince,
            CccdBirthYearMismatch => Text::ProblemCccdBirthYearMismatch,
            CccdSexMismatch => Text::ProblemCccdSexMismatch,
            CmndNotNineOrTwelveDigits => Text::ProblemCmndNotNineOrTwelveDigits,
            NotADate => Text::ProblemNotADate,
            InTheFuture => Text::ProblemInTheFuture,
            TooFarAhead => Text::ProblemTooFarAhead,
            InThePast => Text::ProblemInThePast,
            NotAName => Text::ProblemNotAName,
            NotAVietnameseMobile => Text::ProblemNotAVietnameseMobile,
            NotACommune => Text::ProblemNotACommune,
            TooMany => Text::ProblemTooMany,
        }
    }

    pub fn for_role(role: domain::Role) -> Text {
        use domain::Role::*;
        match role {
            Admin => Text::RoleAdmin,
            National => Text::RoleNational,
            Province => Text::RoleProvince,
            District => Text::RoleDistrict,
            Commune => Text::RoleCommune,
            CheckpointOfficer => Text::RoleCheckpointOfficer,
            DataEntry => Text::RoleDataEntry,
            Steering => Text::RoleSteering,
            CommuneChief => Text::RoleCommuneChief,
        }
    }
}
