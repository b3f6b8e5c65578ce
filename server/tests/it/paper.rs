use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;

use backend::demo::DEMO_PASSWORD;
use backend::paper::{self, Choice, Entered, OnError};
use backend::{accounts, AppError};
use contract::error::ErrorCode;
use domain::declaration::DeclarationInput;
use domain::paper::TypedForm;

use crate::checkpoint::pass_from;
use crate::harness::{Reply, TestApp};

const HEADER: &str =
    "form_number,collected_on,document_type,document_number,full_name,birth_date,sex,\
phone,residence_commune,residence_address,origin_commune,destination_commune,travel_date,vehicle,\
vehicle_plate,symptoms,close_contact,vaccination_doses";

async fn post_csv(app: &TestApp, token: Option<&str>, path: &str, body: Vec<u8>) -> Reply {
    let mut req = Request::post(path).header("content-type", "text/csv; charset=utf-8");
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    app.send(req.body(Body::from(body)).unwrap()).await
}

async fn count(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&app.state.db.read)
        .await
        .unwrap()
}

/// A distinct Vietnamese name for each number below 10,000.
fn name(i: usize) -> String {
    const FAMILY: [&str; 10] =
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"];
    const MIDDLE: [&str; 10] =
        ["Văn", "Thị", "Đức", "Minh", "Quang", "Thu", "Hữu", "Ngọc", "Xuân", "Bảo"];
    const GIVEN: [&str; 10] =
        ["An", "Bình", "Chi", "Dũng", "Hà", "Hùng", "Lan", "Mai", "Nam", "Yến"];
    format!(
        "{} {} {} {}",
        FAMILY[i % 10],
        MIDDLE[(i / 10) % 10],
        GIVEN[(i / 100) % 10],
        GIVEN[(i / 1000) % 10]
    )
}

/// One form as a spreadsheet would write it: the person `i`, born in 1960 + i % 40, on paper `form`.
fn row(form: &str, i: usize) -> String {
    let year = 1960 + i % 40;
    let female = i % 2 == 1;
    let number = format!("030{}{:02}{:06}", u8::from(female), year % 100, i);
    let (birth, sex) =
        (format!("{:02}/{:02}/{year}", 1 + i % 28, 1 + i % 12), if female { "Nữ" } else { "Nam" });
    let (close, doses) = (if i.is_multiple_of(7) { "có" } else { "không" }, i % 4);
    let destination = if i.is_multiple_of(3) { "10510" } else { "10507" };
    format!(
        "{form},28/11/2026,cccd,{number},{},{birth},{sex},0912{:06},10507,Số {i} Thôn 2,00004,\
         {destination},2026-11-28,motorbike,34B1-{i:05},fever;cough,{close},{doses}\n",
        name(i),
        i % 1_000_000
    )
}

struct Generated {
    csv: String,
    good: u64,
    rejected_lines: Vec<u64>,
}

/// 10,000 forms: good ones, and among them rows with a bad ID number, an unknown commune, too few fields,
/// an address with quotes and a line break, the same paper twice (once identical, once with other
/// contents), two papers of one person's trip, and the paper of someone who declared online.
fn generated() -> Generated {
    let mut csv = format!("{HEADER}\n");
    let (mut line, mut good, mut rejected_lines) = (2u64, 0, Vec::new());
    for i in 0..10_000usize {
        let form = format!("HD01-{i:06}");
        let text = match i {
            100 => row(&form, i).replace(&format!("030{}", u8::from(i % 2 == 1)), "03"),
            200 => row(&form, i).replace(",00004,", ",99999,"),
            300 => row(&form, i).replacen(",cccd,", ",", 1),
            400 => row(&form, i)
                .replace(&format!("Số {i} Thôn 2"), "\"Số 5, ngõ \"\"Hoa\"\"\nThôn 2\""),
            // The paper of row 500, typed again, and another paper wrongly given row 501's serial.
            600 => row("HD01-000500", 500),
            601 => row("HD01-000501", 601),
            // A second paper of person 700 for the same trip.
            800 => row(&form, 700),
            _ => row(&form, i),
        };
        match i {
            100 | 200 | 300 | 601 => rejected_lines.push(line),
            600 | 800 => {}
            _ => good += 1,
        }
        line += text.matches('\n').count() as u64;
        csv.push_str(&text);
    }
    Generated { csv, good, rejected_lines }
}

pub async fn a_file_of_paper_forms_is_imported_once_with_every_bad_row_named(app: TestApp) {
    let app = app.with_demo().await;
    let entry = app.token("entry.hd01", DEMO_PASSWORD).await;
    let declarations_before = count(&app, "declarations").await;
    let Generated { csv, good, rejected_lines } = generated();
    let path = "/api/v1/checkpoints/HD01/paper-forms";

    let mut body = b"\xEF\xBB\xBF".to_vec();
    body.extend_from_slice(csv.as_bytes());
    let reply = post_csv(&app, Some(&entry), path, body.clone()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let report = reply.json();
    assert_eq!(report["linked"], 1, "the second paper of person 700");
    assert_eq!(report["imported"], good);
    assert_eq!(report["duplicates"], 1, "the paper of row 500 typed twice");
    let lines: Vec<u64> = report["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    let mut distinct = lines.clone();
    distinct.dedup();
    assert_eq!(distinct, rejected_lines, "{}", report["rejected"]);
    let problems: Vec<(Value, Value)> = report["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["field"].clone(), r["problem"].clone()))
        .collect();
    for expected in [
        ("document_number", "cccd_not_twelve_digits"),
        ("origin_commune", "not_a_commune"),
        ("form_number", "form_number_repeated"),
    ] {
        assert!(
            problems.contains(&(expected.0.into(), expected.1.into())),
            "{expected:?} in {problems:?}"
        );
    }
    assert!(problems.contains(&(Value::Null, "wrong_field_count".into())));
    let stored = declarations_before + i64::try_from(good).unwrap();
    assert_eq!(count(&app, "declarations").await, stored);
    assert_eq!(count(&app, "paper_forms").await, i64::try_from(good + 1).unwrap());
    let channel: String = sqlx::query_scalar(
        "SELECT d.channel FROM paper_forms f JOIN declarations d ON d.id = f.declaration_id
         WHERE f.form_number = 'HD01-000400'",
    )
    .fetch_one(&app.state.db.read)
    .await
    .unwrap();
    assert_eq!(channel, "paper");
    let address: String = sqlx::query_scalar(
        "SELECT d.residence_address FROM paper_forms f JOIN declarations d ON d.id = f.declaration_id
         WHERE f.form_number = 'HD01-000400'",
    )
    .fetch_one(&app.state.db.read)
    .await
    .unwrap();
    assert_eq!(address, "Số 5, ngõ \"Hoa\" Thôn 2");
    assert!(app.audit_count("import_paper_forms", "checkpoint", "HD01").await >= 1);

    // The same file again creates nothing: every stored form is a duplicate.
    let again = post_csv(&app, Some(&entry), path, body).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let again = again.json();
    assert_eq!((again["imported"].as_u64(), again["linked"].as_u64()), (Some(0), Some(0)));
    assert_eq!(again["duplicates"], good + 2);
    assert_eq!(again["rejected"], report["rejected"]);
    assert_eq!(count(&app, "declarations").await, stored);
    assert_eq!(count(&app, "paper_forms").await, i64::try_from(good + 1).unwrap());
}

pub async fn paper_of_someone_who_declared_online_is_linked_to_their_declaration(app: TestApp) {
    let app = app.with_demo().await;
    let entry = app.token("entry.hd01", DEMO_PASSWORD).await;
    let online = pass_from(&app, "030190000042", "00004").await;
    let online_id: i64 = sqlx::query_scalar("SELECT declaration_id FROM passes WHERE id = $1")
        .bind(online["id"].as_str().unwrap())
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    // Typed from paper with another number, no diacritics, in capitals, the day after: the same trip.
    let csv = format!(
        "{HEADER}\nHD01-9,28/11/2026,cmnd,123456789,LE THI MAI,01/06/1990,nu,0912345678,10507,So 3,00004,\
         10507,29112026,car,,,no,2\n"
    );
    let reply =
        post_csv(&app, Some(&entry), "/api/v1/checkpoints/HD01/paper-forms", csv.into()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        (reply.json()["imported"].as_u64(), reply.json()["linked"].as_u64()),
        (Some(0), Some(1))
    );
    let linked: (i64, String) = sqlx::query_as(
        "SELECT declaration_id, outcome FROM paper_forms WHERE checkpoint_code = 'HD01' AND form_number = 'HD01-9'",
    )
    .fetch_one(&app.state.db.read)
    .await
    .unwrap();
    assert_eq!(linked, (online_id, "linked".to_owned()));

    // The console operator imports for a checkpoint through the same use case.
    let officer = paper::console_officer(&app.state, "tests", "HD01").await.unwrap();
    let csv = format!(
        "{HEADER}\nHD01-10,28/11/2026,cccd,030090000043,Trần Văn Nam,01/01/1990,nam,0912345678,10507,Số 4,\
         00004,10507,2026-11-28,car,,,không,0\n"
    );
    let imported =
        paper::import_csv(&app.state, &officer, "HD01", csv.as_bytes(), OnError::Skip, &|_, _| {})
            .await
            .unwrap();
    assert!(!imported.refused);
    assert_eq!(imported.report.imported, 1);
}

pub async fn a_paper_import_is_refused_whole_when_it_cannot_be_trusted(app: TestApp) {
    let app = app.with_demo().await;
    let entry = app.token("entry.hd01", DEMO_PASSWORD).await;
    let path = "/api/v1/checkpoints/HD01/paper-forms";
    let declarations_before = count(&app, "declarations").await;

    // on_error=reject: one bad row, nothing stored.
    let csv = format!(
        "{HEADER}\n{}{}",
        row("HD01-1", 1),
        row("HD01-2", 2).replace(",10507,Số", ",1050,Số")
    );
    let reply =
        post_csv(&app, Some(&entry), &format!("{path}?on_error=reject"), csv.clone().into()).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    assert_eq!(reply.json()["imported"], 0);
    assert_eq!(reply.json()["rejected"][0]["line"], 3);
    assert_eq!(reply.json()["rejected"][0]["field"], "residence_commune");
    assert_eq!(count(&app, "declarations").await, declarations_before);
    assert_eq!(count(&app, "paper_forms").await, 0);

    // A missing column is named.
    let no_phone = csv.replacen(",phone,", ",telephone,", 1);
    let reply = post_csv(&app, Some(&entry), path, no_phone.into()).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    assert_eq!(reply.json()["rejected"][0]["line"], 1);
    assert_eq!(reply.json()["rejected"][0]["field"], "phone");
    assert_eq!(reply.json()["rejected"][0]["problem"], "missing_column");

    // Not UTF-8: the line of the first bad byte (a Windows-1258 "ễ" on line 3).
    let mut latin = format!("{HEADER}\n{}", row("HD01-1", 1)).into_bytes();
    latin.extend_from_slice(b"HD01-2,28/11/2026,cccd,030190000002,Nguy\xF2n Van A");
    let reply = post_csv(&app, Some(&entry), path, latin).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    assert_eq!(reply.json()["rejected"][0]["line"], 3);
    assert_eq!(reply.json()["rejected"][0]["problem"], "not_utf8");
    assert_eq!(count(&app, "paper_forms").await, 0);

    // Another checkpoint's forms, another role, no account, or not a CSV body.
    let reply =
        post_csv(&app, Some(&entry), "/api/v1/checkpoints/HD02/paper-forms", csv.clone().into())
            .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    let commune = app.token("commune.hd", DEMO_PASSWORD).await;
    let reply = post_csv(&app, Some(&commune), path, csv.clone().into()).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    let reply = post_csv(&app, None, path, csv.clone().into()).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.body);
    let reply =
        post_csv(&app, Some(&entry), &format!("{path}?on_error=sometimes"), csv.into()).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    assert_eq!(count(&app, "paper_forms").await, 0);
}

async fn official(app: &TestApp, username: &str) -> backend::Official {
    let token = app.token(username, DEMO_PASSWORD).await;
    accounts::authenticate(&app.state, &accounts::SessionToken::new(token)).await.unwrap()
}

fn typed(form_number: &str, number: &str, name: &str, birth: &str, travel: &str) -> TypedForm {
    TypedForm {
        form_number: form_number.into(),
        collected_on: "28112026".into(),
        input: DeclarationInput {
            document_type: "cccd".into(),
            document_number: number.into(),
            full_name: name.into(),
            birth_date: birth.into(),
            sex: "nữ".into(),
            phone: "0912345678".into(),
            residence_commune: "10507".into(),
            residence_address: "Số 3".into(),
            origin_commune: "00004".into(),
            destination_commune: "10507".into(),
            travel_date: travel.into(),
            vehicle: "car".into(),
            ..DeclarationInput::default()
        },
    }
}

pub async fn a_typed_form_is_linked_to_the_same_trip_or_stored_once_with_a_pass(app: TestApp) {
    let app = app.with_demo().await;
    let entry = official(&app, "entry.hd01").await;
    let online = pass_from(&app, "030190000042", "00004").await;
    let online_id: i64 = sqlx::query_scalar("SELECT declaration_id FROM passes WHERE id = $1")
        .bind(online["id"].as_str().unwrap())
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();

    // The same person's trip: shown first (and audited), then linked when the officer says so.
    let form = typed("A-1", "030190000042", "Le Thi Mai", "01/06/1990", "28112026");
    let Entered::Found(found) =
        paper::enter(&app.state, &entry, &form, Choice::Check).await.unwrap()
    else {
        panic!("the online declaration is found");
    };
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].declaration_id, found[0].channel.as_str()), (online_id, "online"));
    assert_eq!(app.audit_count("show_same_trip", "declaration", &online_id.to_string()).await, 1);
    assert_eq!(count(&app, "paper_forms").await, 0);
    let linked = paper::enter(&app.state, &entry, &form, Choice::Link(online_id)).await.unwrap();
    assert!(matches!(linked, Entered::Linked(id) if id == online_id));
    assert!(matches!(
        paper::enter(&app.state, &entry, &form, Choice::Check).await.unwrap(),
        Entered::AlreadyTyped
    ));
    // A link to a declaration that is not the same trip is refused.
    let other = typed("A-2", "030190000042", "Le Thi Mai", "01/06/1990", "28112026");
    let wrong = paper::enter(&app.state, &entry, &other, Choice::Link(online_id + 1000)).await;
    assert!(matches!(wrong, Err(AppError::NotFound)));

    // Someone new: a declaration on paper and a signed 72-hour pass.
    let new = typed("A-3", "030190000077", "Đỗ Thị Lan", "02/03/1990", "28/11/2026");
    let declarations = count(&app, "declarations").await;
    let Entered::Created(issued) =
        paper::enter(&app.state, &entry, &new, Choice::Check).await.unwrap()
    else {
        panic!("a new person gets a new record");
    };
    assert_eq!(count(&app, "declarations").await, declarations + 1);
    let pass =
        backend::declarations::pass_view(&app.state, &issued.holder_key.to_string()).await.unwrap();
    assert_eq!(pass.full_name, "Đỗ Thị Lan");
    let channel: String = sqlx::query_scalar("SELECT channel FROM declarations WHERE id = $1")
        .bind(issued.declaration_id)
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(channel, "paper");

    // The same serial with other contents is a mistake, not a second form.
    let clash = typed("A-3", "030190000078", "Đỗ Thị Lan", "02/03/1990", "28/11/2026");
    let refused = paper::enter(&app.state, &entry, &clash, Choice::Check).await;
    assert!(matches!(refused, Err(AppError::Conflict(ErrorCode::FormNumberTaken))));

    // A second record for a found trip needs a reason, and is audited with it.
    let again = typed("A-4", "030190000042", "Lê Thị Mai", "01/06/1990", "29/11/2026");
    let no_reason = paper::enter(&app.state, &entry, &again, Choice::Separate(" ".into())).await;
    assert!(matches!(no_reason, Err(AppError::Validation(_))));
    let separate =
        paper::enter(&app.state, &entry, &again, Choice::Separate("hai chuyến khác nhau".into()))
            .await
            .unwrap();
    assert!(matches!(separate, Entered::Created(_)));
    let reason: Option<String> =
        sqlx::query_scalar("SELECT override_reason FROM paper_forms WHERE form_number = 'A-4'")
            .fetch_one(&app.state.db.read)
            .await
            .unwrap();
    assert_eq!(reason.as_deref(), Some("hai chuyến khác nhau"));

    // Bad answers are named, and nothing is stored.
    let mut bad = typed("A-5", "0301900000", "Lan", "31/02/1990", "28/11/2026");
    bad.collected_on = "30/11/2026".into();
    let forms = count(&app, "paper_forms").await;
    let Err(AppError::InvalidPaperForm(problems)) =
        paper::enter(&app.state, &entry, &bad, Choice::Check).await
    else {
        panic!("a bad form is refused");
    };
    let columns: Vec<&str> = problems.iter().map(|p| p.column.as_str()).collect();
    assert!(columns.contains(&"document_number") && columns.contains(&"birth_date"), "{columns:?}");
    assert!(columns.contains(&"collected_on"), "{columns:?}");
    assert_eq!(count(&app, "paper_forms").await, forms);
}

pub async fn illegible_forms_wait_and_batches_show_what_is_left_to_type(app: TestApp) {
    let app = app.with_demo().await;
    let entry = official(&app, "entry.hd01").await;
    paper::set_collected(&app.state, &entry, "28/11/2026", 5).await.unwrap();
    let illegible = typed("B-1", "03019000", "Ng?", "", "28/11/2026");
    assert!(matches!(
        paper::enter(&app.state, &entry, &illegible, Choice::Illegible).await.unwrap(),
        Entered::Kept
    ));
    let waiting = paper::waiting(&app.state, &entry).await.unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].typed.input.full_name, "Ng?");
    let good = typed("B-2", "030190000077", "Đỗ Thị Lan", "02/03/1990", "28/11/2026");
    paper::enter(&app.state, &entry, &good, Choice::Check).await.unwrap();
    app.clock.advance(time::Duration::minutes(40));

    let batch = &paper::batches(&app.state, &entry).await.unwrap()[0];
    assert_eq!((batch.checkpoint.as_str(), batch.collected_on.as_str()), ("HD01", "2026-11-28"));
    assert_eq!((batch.collected, batch.typed, batch.needs_checking, batch.untyped), (5, 1, 1, 3));
    assert_eq!(batch.waiting_minutes, Some(40));
    // The province and the district see it; another province's police and the commune do not.
    let province = official(&app, "province.hd").await;
    assert_eq!(paper::batches(&app.state, &province).await.unwrap().len(), 1);
    let commune = official(&app, "commune.hd").await;
    assert!(paper::batches(&app.state, &commune).await.unwrap_or_default().is_empty());

    // Checked later, the same serial becomes a record and leaves the list.
    let checked = typed("B-1", "030190000099", "Ngô Thị Hoa", "05/05/1990", "28/11/2026");
    assert!(matches!(
        paper::enter(&app.state, &entry, &checked, Choice::Check).await.unwrap(),
        Entered::Created(_)
    ));
    assert!(paper::waiting(&app.state, &entry).await.unwrap().is_empty());
    let batch = &paper::batches(&app.state, &entry).await.unwrap()[0];
    assert_eq!((batch.typed, batch.needs_checking, batch.untyped), (2, 0, 3));
    // A count in the future or negative is refused.
    assert!(paper::set_collected(&app.state, &entry, "29/11/2026", 3).await.is_err());
    assert!(paper::set_collected(&app.state, &entry, "28/11/2026", -1).await.is_err());
}

pub async fn a_file_uploaded_from_the_screen_is_imported_and_its_report_shown(app: TestApp) {
    let app = app.with_demo().await;
    let login = format!("username=entry.hd01&password={DEMO_PASSWORD}");
    let cookie = app.post_form("/forms/login", &login, None).await.session_cookie().unwrap();
    let csv = format!(
        "{HEADER}\n{}{}",
        row("HD01-U1", 11),
        row("HD01-U2", 12).replace(",00004,", ",99999,")
    );
    let boundary = "zonepass-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"on_error\"\r\n\r\nskip\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"phieu.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    let request = Request::post("/forms/paper/import")
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .header("cookie", &cookie)
        .body(Body::from(body))
        .unwrap();
    let reply = app.send(request).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert!(reply.location().starts_with("/nhap-lieu?draft="), "{}", reply.location());
    let page = app
        .send(Request::get(reply.location()).header("cookie", &cookie).body(Body::empty()).unwrap())
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Kết quả nhập tệp") && page.body.contains("Dòng bị từ chối"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Hãy chọn một xã/phường."), "the rejected row's reason is shown");
    assert_eq!(count(&app, "paper_forms").await, 1);

    // Another official's upload is refused before the file is read.
    let login = format!("username=commune.hd&password={DEMO_PASSWORD}");
    let commune = app.post_form("/forms/login", &login, None).await.session_cookie().unwrap();
    let refused = app.post_form("/forms/paper/import", "file=x", Some(&commune)).await;
    assert!(refused.location().contains("error=forbidden"), "{}", refused.location());
}
