//! The daily lists: closing a day of generated traffic across several provinces, counts that add up
//! at every level, late records in the addendum, and the hand-over down the tree.

use std::collections::HashSet;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{json, Value};

use backend::admin::{self, NewUserInput};
use backend::demo::DEMO_PASSWORD;
use backend::{daily_lists, paper};
use domain::date::CivilDate;
use domain::declaration::DeclarationInput;
use domain::UnitCode;

use crate::checkpoint::send_json;
use crate::harness::{operator, Reply, TestApp};

const DAY: &str = "2026-11-28";
const ONLINE: usize = 14_000;
const PAPER: usize = 6_000;
const UNKNOWN_CROSSERS: usize = 200;
const REDECLARED: usize = 50;

fn day() -> CivilDate {
    DAY.parse().unwrap()
}

fn code(c: &str) -> UnitCode {
    UnitCode::parse(c).unwrap()
}

/// A person's CCCD: born in Hải Dương (030), male, in 19yy, with a serial.
fn cccd(year: usize, serial: usize) -> String {
    format!("0300{:02}{serial:06}", year % 100)
}

/// Where generated travellers go: every commune of Hải Dương and some of Hà Nội and Hải Phòng.
fn destinations(app: &TestApp) -> Vec<String> {
    let units = app.state.units();
    let mut all = Vec::new();
    for (province, take) in [("30", usize::MAX), ("01", 60), ("31", 40)] {
        all.extend(
            units
                .tree
                .communes_within(&code(province))
                .iter()
                .take(take)
                .map(|u| u.code.to_string()),
        );
    }
    all
}

/// The generated person with this serial, born in 1960 + serial % 40.
pub(crate) fn person(serial: usize) -> String {
    cccd(1960 + serial % 40, serial)
}

/// A name of its own for each serial below a million: the paper channel matches people by name and
/// birth date too.
fn name(number: &str) -> String {
    const WORDS: [&str; 10] =
        ["An", "Bình", "Chi", "Dũng", "Hà", "Hùng", "Lan", "Mai", "Nam", "Yến"];
    let serial = &number[6..];
    let words: Vec<&str> = serial.bytes().map(|b| WORDS[usize::from(b - b'0')]).collect();
    format!("Trần {}", words.join(" "))
}

/// The birth year a CCCD of [`cccd`] carries.
fn born(number: &str) -> usize {
    1900 + number[4..6].parse::<usize>().unwrap()
}

/// Where generated travellers live and set out from, on the three-tier tree.
const HOME: Home<'static> = Home { residence: "10507", origin: "00004" };

struct Home<'a> {
    residence: &'a str,
    origin: &'a str,
}

fn input(
    number: &str,
    home: &Home<'_>,
    destination: &str,
    travel_date: &str,
    year: usize,
) -> DeclarationInput {
    serde_json::from_value(json!({
        "document_type": "cccd", "document_number": number, "full_name": "Nguyễn Văn Bình",
        "birth_date": format!("{year}-03-0{}", 1 + year % 9), "sex": "male", "phone": "0912345678",
        "residence_commune": home.residence, "residence_address": "Số 1",
        "origin_commune": home.origin,
        "destination_commune": destination, "travel_date": travel_date, "vehicle": "car",
        "vehicle_plate": "", "symptoms": [], "close_contact": false, "vaccination_doses": 2
    }))
    .unwrap()
}

/// Online declarations stored as the declaration use case stores them, in bulk.
async fn declare_online(
    app: &TestApp,
    people: impl Iterator<Item = (String, String, &'static str)>,
) {
    declare_online_from(app, &HOME, people).await
}

async fn declare_online_from(
    app: &TestApp,
    home: &Home<'_>,
    people: impl Iterator<Item = (String, String, &'static str)>,
) {
    let inputs: Vec<DeclarationInput> = people
        .map(|(number, destination, travel)| {
            input(&number, home, &destination, travel, born(&number))
        })
        .collect();
    crate::reconciliation::declare(app, &inputs).await;
}

/// Paper forms typed at HD01, imported through the same use case as the CSV upload.
pub(crate) async fn declare_on_paper(
    app: &TestApp,
    first_form: usize,
    people: &[(String, String)],
) {
    let mut csv = String::from(
        "form_number,collected_on,document_type,document_number,full_name,birth_date,sex,phone,\
         residence_commune,residence_address,origin_commune,destination_commune,travel_date,vehicle,\
         vehicle_plate,symptoms,close_contact,vaccination_doses\n",
    );
    for (i, (number, destination)) in people.iter().enumerate() {
        let year = born(number);
        csv.push_str(&format!(
            "P{},28/11/2026,cccd,{number},{},0{}/03/{year},Nam,0912345678,10507,Số 2,00004,\
             {destination},28/11/2026,motorbike,,,không,1\n",
            first_form + i,
            name(number),
            1 + year % 9
        ));
    }
    let officer = paper::console_officer(&app.state, "tests", "HD01").await.unwrap();
    let done = paper::import_csv(
        &app.state,
        &officer,
        "HD01",
        csv.as_bytes(),
        paper::OnError::Reject,
        &|_, _| {},
    )
    .await
    .unwrap();
    assert!(!done.refused, "{:?}", done.report.rejected.first());
    assert_eq!(done.report.imported as usize, people.len());
}

pub(crate) fn crossing(client_id: &str, number: &str, scanned_at: &str) -> Value {
    json!({
        "client_id": client_id, "document_number": number, "direction": "in",
        "verdict": "green", "action": "let_through", "scanned_at": scanned_at, "offline": true
    })
}

pub(crate) async fn cross(app: &TestApp, officer: &str, crossings: Vec<Value>) {
    for batch in crossings.chunks(500) {
        let reply = send_json(
            app,
            "POST",
            "/api/v1/crossings",
            Some(officer),
            json!({ "crossings": batch }),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert_eq!(reply.json()["refused"], 0, "{}", reply.body);
    }
}

async fn list(app: &TestApp, token: &str, unit: &str) -> Value {
    let reply = app.get(&format!("/api/v1/units/{unit}/lists?date={DAY}"), Some(token)).await;
    assert_eq!(reply.status, StatusCode::OK, "{unit}: {}", reply.body);
    reply.json()
}

fn sum_children(list: &Value) -> i64 {
    list["children"].as_array().unwrap().iter().map(|c| c["arrivals"].as_i64().unwrap()).sum()
}

/// Tens of thousands of declarations, online and on paper, for three provinces, with crossings of
/// declared people, of people nobody knows and of a registered resident: each is on exactly one
/// commune's list, every level's count is the sum of the lists below it, closing again changes
/// nothing, and what reaches the server after the close lands in that day's addendum.
pub async fn every_arrival_lands_in_one_commune_list_and_counts_add_up(app: TestApp) {
    let app = app.with_demo().await;
    let places = destinations(&app);
    let to = |i: usize| places[i % places.len()].clone();
    let online = (0..ONLINE).map(|i| (person(i), to(i), DAY));
    let next_day =
        (0..300).map(|i| (cccd(1960 + (500_000 + i) % 40, 500_000 + i), to(i), "2026-11-29"));
    declare_online(&app, online.chain(next_day)).await;
    // Fifty of them declare again, going elsewhere: their newer declaration is the one listed.
    declare_online(&app, (0..REDECLARED).map(|i| (person(i), to(i + 1), DAY))).await;
    let paper_people: Vec<(String, String)> =
        (0..PAPER).map(|i| (cccd(1960 + (100_000 + i) % 40, 100_000 + i), to(i * 7))).collect();
    declare_on_paper(&app, 1, &paper_people).await;

    let officer = app.token("officer.hd01", DEMO_PASSWORD).await;
    // Declared people crossing (one of them twice), people nobody knows, a registered resident, and a
    // crossing of the evening before, which belongs to the 27th.
    let mut crossings: Vec<Value> = (0..1_500)
        .map(|i| crossing(&format!("d-{i}"), &person(i), "2026-11-28T00:30:00Z"))
        .collect();
    crossings.push(crossing("d-again", &cccd(1961, 1), "2026-11-28T00:40:00Z"));
    crossings.extend(
        (0..UNKNOWN_CROSSERS).map(|i| {
            crossing(&format!("u-{i}"), &format!("0010950{i:05}"), "2026-11-28T00:20:00Z")
        }),
    );
    let resident: (String, String) = sqlx::query_as(
        "SELECT document_number, current_commune FROM registry_people ORDER BY id LIMIT 1",
    )
    .fetch_one(&app.state.db.read)
    .await
    .unwrap();
    crossings.push(crossing("r-1", &resident.0, "2026-11-28T00:10:00Z"));
    let units = app.state.units();
    let in_hd = |i: usize| units.tree.is_inside(&code(&to(i)), &code("30"));
    let evening_person = (1_500..).find(|i| in_hd(*i)).unwrap();
    let evening_person = person(evening_person);
    crossings.push(crossing("e-1", &evening_person, "2026-11-27T16:59:00Z"));
    cross(&app, &officer, crossings).await;

    // Not over yet: the 28th closes once the 29th has begun in Vietnam.
    let refused = daily_lists::close_day(&app.state, &operator(), day()).await;
    assert!(matches!(
        refused,
        Err(backend::AppError::Validation(contract::error::ErrorCode::DayNotOver))
    ));
    app.clock.advance(time::Duration::days(1));
    let closed = daily_lists::close_day(&app.state, &operator(), day()).await.unwrap();
    let expected = (ONLINE + PAPER + UNKNOWN_CROSSERS + 1) as i64;
    assert!(closed.newly);
    assert_eq!(closed.arrivals, expected);

    let national = app.token("national", DEMO_PASSWORD).await;
    let province = app.token("province.hd", DEMO_PASSWORD).await;
    let district = app.token("district.hd", DEMO_PASSWORD).await;
    let commune = app.token("commune.hd", DEMO_PASSWORD).await;
    let country =
        daily_lists::list(&app.state, &official(&app, &national).await, None, day()).await.unwrap();
    assert_eq!(country.status, "closed");
    assert_eq!(country.counts.arrivals, expected);
    assert_eq!(country.children.iter().map(|c| c.arrivals).sum::<i64>(), expected);
    assert_eq!(country.counts.crossing_only, UNKNOWN_CROSSERS as i64 + 1);
    assert_eq!(country.counts.crossed, 1_500 + UNKNOWN_CROSSERS as i64 + 1);
    assert_eq!((country.counts.online, country.counts.paper), (ONLINE as i64, PAPER as i64));
    assert!(country.arrivals.is_empty(), "the country's list is read per province");

    // Hải Dương: its districts add up to it, and its rows are its arrivals, each person once.
    let hd = list(&app, &province, "30").await;
    assert_eq!(hd["status"], "new");
    assert_eq!(sum_children(&hd), hd["counts"]["arrivals"].as_i64().unwrap());
    let rows = hd["arrivals"].as_array().unwrap();
    assert_eq!(rows.len() as i64, hd["counts"]["arrivals"].as_i64().unwrap());
    let people: HashSet<&str> =
        rows.iter().map(|r| r["document_number"].as_str().unwrap()).collect();
    assert_eq!(people.len(), rows.len(), "someone is on two lists");
    assert!(people.contains(resident.0.as_str()));
    assert!(!people.contains(person(500_000).as_str()), "a trip of the 29th");
    let unknown = rows.iter().find(|r| r["document_number"] == "001095000007").unwrap();
    assert_eq!(
        (unknown["channel"].as_str(), unknown["travel_date"].as_str()),
        (Some("crossing"), None)
    );
    let twice = rows.iter().find(|r| r["document_number"] == cccd(1961, 1)).unwrap();
    assert_eq!(twice["crossed_at"], "2026-11-28T00:30:00Z");
    assert_eq!(twice["checkpoint"], "HD01");
    let moved = (0..REDECLARED).find(|i| in_hd(i + 1)).unwrap();
    let row = rows.iter().find(|r| r["document_number"] == person(moved)).unwrap();
    assert_eq!(row["destination_commune"], to(moved + 1).as_str());
    let evening = rows.iter().find(|r| r["document_number"] == evening_person).unwrap();
    assert!(evening["crossed_at"].is_null(), "a crossing of the 27th is not one of the 28th");
    assert_eq!(app.audit_count("read_daily_list", "daily_list", &format!("{DAY}/30/")).await, 1);
    // The checkpoint saw 1,702 crossings of the 28th, of 1,701 people (one crossed twice).
    let hd01 = hd["checkpoints"].as_array().unwrap().iter().find(|c| c["code"] == "HD01").unwrap();
    assert_eq!(
        (hd01["entering"].as_i64(), hd01["leaving"].as_i64(), hd01["people"].as_i64()),
        (Some(1_702), Some(0), Some(1_701))
    );

    // The demo district: its communes add up to it, and each commune's rows are its count.
    let demo_district = hd["children"][0]["unit_code"].as_str().unwrap().to_owned();
    let d = list(&app, &district, &demo_district).await;
    assert_eq!(sum_children(&d), d["counts"]["arrivals"].as_i64().unwrap());
    assert_eq!(d["counts"]["arrivals"], hd["children"][0]["arrivals"]);
    let mut seen = 0;
    for child in d["children"].as_array().unwrap() {
        let c = list(&app, &national, child["unit_code"].as_str().unwrap()).await;
        assert_eq!(
            c["arrivals"].as_array().unwrap().len() as i64,
            child["arrivals"].as_i64().unwrap()
        );
        seen += c["arrivals"].as_array().unwrap().len() as i64;
    }
    assert_eq!(seen, d["counts"]["arrivals"].as_i64().unwrap());
    let own = list(&app, &commune, d["children"][0]["unit_code"].as_str().unwrap()).await;
    assert_eq!(own["counts"]["arrivals"], d["children"][0]["arrivals"]);

    // Closing again changes nothing.
    let again = daily_lists::close_day(&app.state, &operator(), day()).await.unwrap();
    assert_eq!((again.newly, again.arrivals), (false, expected));
    assert_eq!(app.audit_count("close_day", "day", DAY).await, 1);

    // After the close: scans synced late (of someone declared but not seen, and of a stranger) and
    // paper forms typed the next morning (of someone new, and of someone listed who changed their
    // destination) go to the 28th's addendum; the list itself stays as closed.
    let late_crosser = (5_000..).find(|i| in_hd(*i)).unwrap();
    let late_crosser = person(late_crosser);
    let stranger = "001095099999";
    let officer = app.token("officer.hd01", DEMO_PASSWORD).await;
    cross(
        &app,
        &officer,
        vec![
            crossing("late-1", &late_crosser, "2026-11-28T09:00:00Z"),
            crossing("late-2", stranger, "2026-11-28T10:00:00Z"),
        ],
    )
    .await;
    let late_paper = (person(200_000), "10507".to_owned());
    let changed = (6_000..ONLINE).find(|i| in_hd(*i) && in_hd(i + 1)).unwrap();
    let changed_paper = (person(changed), to(changed + 1));
    declare_on_paper(&app, 90_000, &[late_paper.clone(), changed_paper.clone()]).await;
    let after =
        daily_lists::list(&app.state, &official(&app, &national).await, None, day()).await.unwrap();
    assert_eq!(after.counts.arrivals, expected);
    assert_eq!(after.counts.addendum, 4);
    let hd = list(&app, &province, "30").await;
    let addendum: Vec<&Value> =
        hd["arrivals"].as_array().unwrap().iter().filter(|r| r["part"] == "addendum").collect();
    let is_late = |n: &str| addendum.iter().find(|r| r["document_number"] == n).copied();
    let scan = is_late(&late_crosser).expect("the late scan is in the addendum");
    assert_eq!(
        (scan["listed_before"].as_bool(), scan["crossed_at"].as_str()),
        (Some(true), Some("2026-11-28T09:00:00Z"))
    );
    let form = is_late(&late_paper.0).expect("the late form is in the addendum");
    assert_eq!(
        (form["listed_before"].as_bool(), form["channel"].as_str()),
        (Some(false), Some("paper"))
    );
    let form = is_late(&changed_paper.0).expect("the changed destination is in the addendum");
    assert_eq!(
        (form["listed_before"].as_bool(), form["destination_commune"].as_str()),
        (Some(true), Some(changed_paper.1.as_str()))
    );
    let scan = is_late(stranger).expect("the stranger's late scan is in the addendum");
    assert_eq!(
        (scan["listed_before"].as_bool(), scan["channel"].as_str()),
        (Some(false), Some("crossing"))
    );
    assert_eq!(hd["counts"]["addendum"], 4);
    let next =
        daily_lists::list(&app.state, &official(&app, &national).await, None, day().add_days(1))
            .await
            .unwrap();
    assert_eq!((next.status.as_str(), next.counts.addendum), ("open", 0));
}

/// The official behind a bearer token, as the API resolves it.
async fn official(app: &TestApp, token: &str) -> backend::Official {
    backend::accounts::authenticate(&app.state, &backend::accounts::SessionToken::new(token))
        .await
        .unwrap()
}

async fn post(app: &TestApp, token: &str, path: &str) -> Reply {
    let req = Request::post(path).header("authorization", format!("Bearer {token}"));
    app.send(req.body(Body::empty()).unwrap()).await
}

/// A province forwards a district's list, the district a commune's, the commune acknowledges; nobody
/// else can, through the API or the server functions; an unacknowledged list turns overdue above; and
/// the list downloads as CSV and XLSX with the rows of the screen.
pub async fn lists_are_handed_down_the_tree_by_the_level_above_only(app: TestApp) {
    let app = app.with_demo().await;
    let units = app.state.units();
    let districts: Vec<String> =
        units.tree.children_of(&code("30")).map(|u| u.code.to_string()).collect();
    let (home, other) = (districts[0].clone(), districts[1].clone());
    let communes: Vec<String> =
        units.tree.children_of(&code(&home)).map(|u| u.code.to_string()).collect();
    let foreign_commune = units.tree.children_of(&code(&other)).next().unwrap().code.to_string();
    admin::create_user(
        &app.state,
        &operator(),
        NewUserInput {
            username: "district.other".into(),
            password: DEMO_PASSWORD.into(),
            role: "district".into(),
            unit_code: Some(other.clone()),
            checkpoint_code: None,
        },
    )
    .await
    .unwrap();
    let people = (0..40).map(|i| (cccd(1970 + i % 20, 700 + i), communes[i % 2].clone(), DAY));
    declare_online(&app, people).await;

    let forward = |unit: &str| format!("/api/v1/units/{unit}/lists/{DAY}/forward");
    let acknowledge = |unit: &str| format!("/api/v1/units/{unit}/lists/{DAY}/acknowledge");

    // Nothing is handed over before the day is closed.
    let province = app.token("province.hd", DEMO_PASSWORD).await;
    let early = post(&app, &province, &forward(&home)).await;
    assert_eq!(
        (early.status, early.json()["code"].as_str()),
        (StatusCode::CONFLICT, Some("day_not_closed"))
    );
    app.clock.advance(time::Duration::days(1));
    daily_lists::close_day(&app.state, &operator(), day()).await.unwrap();
    // Sessions last twelve hours: everyone signs in on the morning after.
    let national = app.token("national", DEMO_PASSWORD).await;
    let province = app.token("province.hd", DEMO_PASSWORD).await;
    let district = app.token("district.hd", DEMO_PASSWORD).await;
    let commune = app.token("commune.hd", DEMO_PASSWORD).await;
    let stranger = app.token("district.other", DEMO_PASSWORD).await;

    // An epidemic area in the district shows on its list and on the province's, not on another's.
    let area = backend::areas::NewAreaInput {
        unit_code: home.clone(),
        level: "3".into(),
        ..Default::default()
    };
    backend::areas::declare_area(&app.state, &operator(), area).await.unwrap();
    for (token, unit, shown) in
        [(&district, &home, 1), (&province, &"30".to_owned(), 1), (&national, &other, 0)]
    {
        let areas = list(&app, token, unit).await["areas"].as_array().unwrap().clone();
        assert_eq!(areas.len(), shown, "{unit}");
        assert!(areas.iter().all(|a| a["unit_code"] == home.as_str() && a["level"] == 3));
        assert!(areas.iter().all(|a| a.get("declared_by").is_none() && a.get("note").is_none()));
    }

    // Another district's police: no reading, no forwarding, no acknowledging.
    let read = app.get(&format!("/api/v1/units/{home}/lists?date={DAY}"), Some(&stranger)).await;
    assert_eq!(read.status, StatusCode::FORBIDDEN);
    assert!(!read.body.contains("document_number"));
    for path in [forward(&communes[0]), acknowledge(&home), forward(&home)] {
        assert_eq!(post(&app, &stranger, &path).await.status, StatusCode::FORBIDDEN, "{path}");
    }
    // Nor does a level forward its own list, or one two levels down.
    assert_eq!(post(&app, &district, &forward(&home)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(post(&app, &province, &forward(&communes[0])).await.status, StatusCode::FORBIDDEN);
    assert_eq!(post(&app, &commune, &forward(&communes[0])).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        post(&app, &district, &forward(&foreign_commune)).await.status,
        StatusCode::FORBIDDEN
    );
    // A list nobody forwarded cannot be acknowledged.
    let unsent = post(&app, &district, &acknowledge(&home)).await;
    assert_eq!(
        (unsent.status, unsent.json()["code"].as_str()),
        (StatusCode::CONFLICT, Some("list_not_forwarded"))
    );

    let sent = post(&app, &national, &forward("30")).await;
    assert_eq!((sent.status, sent.json()["status"].as_str()), (StatusCode::OK, Some("forwarded")));
    assert_eq!(post(&app, &province, &acknowledge("30")).await.json()["status"], "acknowledged");
    let sent = post(&app, &province, &forward(&home)).await.json();
    assert_eq!(
        (sent["status"].as_str(), sent["forwarded"]["by"].as_str()),
        (Some("forwarded"), Some("province.hd"))
    );
    let hd = list(&app, &province, "30").await;
    let child = hd["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["unit_code"] == home.as_str())
        .unwrap();
    assert_eq!(
        (child["status"].as_str(), child["may_forward"].as_bool()),
        (Some("forwarded"), Some(false))
    );
    assert_eq!(list(&app, &district, &home).await["may_acknowledge"], true);
    assert_eq!(post(&app, &district, &acknowledge(&home)).await.json()["status"], "acknowledged");
    assert_eq!(post(&app, &district, &forward(&communes[0])).await.json()["status"], "forwarded");
    assert_eq!(post(&app, &district, &forward(&communes[1])).await.json()["status"], "forwarded");
    let done = post(&app, &commune, &acknowledge(&communes[0])).await;
    assert_eq!(
        (done.status, done.json()["status"].as_str()),
        (StatusCode::OK, Some("acknowledged"))
    );
    assert_eq!(
        app.audit_count(
            "acknowledge_daily_list",
            "daily_list",
            &format!("{DAY}/{}/main", communes[0])
        )
        .await,
        1
    );
    assert_eq!(list(&app, &province, "30").await["status"], "acknowledged");

    // The second commune never acknowledges: past twelve hours it is overdue on the district's screen.
    let district_view = list(&app, &district, &home).await;
    let status_of = |view: &Value, unit: &str| {
        let c = view["children"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["unit_code"] == unit)
            .unwrap()
            .clone();
        (c["status"].as_str().unwrap().to_owned(), c["overdue"].as_bool().unwrap())
    };
    assert_eq!(status_of(&district_view, &communes[0]), ("acknowledged".to_owned(), false));
    assert_eq!(status_of(&district_view, &communes[1]), ("forwarded".to_owned(), false));
    app.clock.advance(time::Duration::hours(13));
    let district = app.token("district.hd", DEMO_PASSWORD).await;
    let later = list(&app, &district, &home).await;
    assert_eq!(status_of(&later, &communes[1]), ("forwarded".to_owned(), true));
    assert_eq!(status_of(&later, &communes[0]), ("acknowledged".to_owned(), false));

    // The files hold the screen's rows, with Vietnamese headers.
    let screen = list(&app, &district, &home).await;
    let rows = screen["arrivals"].as_array().unwrap();
    assert_eq!(rows.len(), 40);
    let csv = app
        .send(
            Request::get(format!("/api/v1/units/{home}/lists?date={DAY}"))
                .header("authorization", format!("Bearer {district}"))
                .header("accept", "text/csv")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(csv.body.starts_with("\u{feff}Số giấy tờ,Họ và tên,Ngày sinh"), "{}", &csv.body[..80]);
    assert_eq!(csv.body.lines().count(), rows.len() + 1);
    let bytes = app
        .send_raw(
            Request::get(format!("/api/v1/units/{home}/lists?date={DAY}"))
                .header("authorization", format!("Bearer {district}"))
                .header("accept", XLSX)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = calamine::Reader::worksheet_range_at(&mut book, 0).unwrap().unwrap();
    let sheet_rows: Vec<Vec<String>> =
        sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(sheet_rows[0][0], "Số giấy tờ");
    assert_eq!(sheet_rows.len(), rows.len() + 1);
    for (sheet_row, row) in sheet_rows[1..].iter().zip(rows) {
        assert_eq!(sheet_row[0], row["document_number"].as_str().unwrap());
        assert_eq!(sheet_row[1], row["full_name"].as_str().unwrap());
        assert_eq!(sheet_row[5], row["destination_commune"].as_str().unwrap());
    }
}

pub(crate) const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn create_official(app: &TestApp, username: &str, role: &str, unit: &str) {
    let user = NewUserInput {
        username: username.into(),
        password: DEMO_PASSWORD.into(),
        role: role.into(),
        unit_code: Some(unit.into()),
        checkpoint_code: None,
    };
    admin::create_user(&app.state, &operator(), user).await.unwrap();
}

/// On the 2025 two-tier tree a province hands its communes' lists straight down, with no district
/// between, and a list's addendum follows it on its own: forwarded, then acknowledged.
pub async fn on_the_two_tier_tree_a_province_forwards_straight_to_its_communes(app: TestApp) {
    let app = app.with_demo().await;
    let tree = zonepass::seed::TWO_TIER;
    let now = app.state.now();
    backend::units::import(&app.state.db, &operator(), tree.id, tree.name, tree.csv, true, now)
        .await
        .unwrap();
    backend::units::reload(&app.state).await.unwrap();
    let units = app.state.units();
    let hai_phong = code("31");
    let communes: Vec<String> =
        units.tree.children_of(&hai_phong).take(2).map(|u| u.code.to_string()).collect();
    assert!(communes.iter().all(|c| units.tree.is_commune(&code(c))));
    create_official(&app, "province.hp", "province", "31").await;
    create_official(&app, "commune.hp", "commune", &communes[0]).await;
    let ha_noi = units.tree.communes_within(&code("01"));
    let home = Home { residence: ha_noi[0].code.as_str(), origin: ha_noi[1].code.as_str() };
    let people = (0..30).map(|i| (cccd(1970 + i % 20, 800 + i), communes[i % 2].clone(), DAY));
    declare_online_from(&app, &home, people).await;
    app.clock.advance(time::Duration::days(1));
    daily_lists::close_day(&app.state, &operator(), day()).await.unwrap();

    let national = app.token("national", DEMO_PASSWORD).await;
    let province = app.token("province.hp", DEMO_PASSWORD).await;
    let commune = app.token("commune.hp", DEMO_PASSWORD).await;
    let hp = list(&app, &province, "31").await;
    assert_eq!(hp["counts"]["arrivals"], 30);
    assert_eq!(sum_children(&hp), 30);
    let child = |view: &Value, unit: &str| {
        view["children"].as_array().unwrap().iter().find(|c| c["unit_code"] == unit).cloned()
    };
    let first = child(&hp, &communes[0]).expect("the province's children are its communes");
    assert_eq!(
        (first["arrivals"].as_i64(), first["forward_part"].as_str()),
        (Some(15), Some("main"))
    );

    let forward = |unit: &str| format!("/api/v1/units/{unit}/lists/{DAY}/forward");
    let acknowledge = |unit: &str| format!("/api/v1/units/{unit}/lists/{DAY}/acknowledge");
    // The national level hands down provinces' lists only; a commune hands nothing down.
    assert_eq!(post(&app, &national, &forward(&communes[0])).await.status, StatusCode::FORBIDDEN);
    assert_eq!(post(&app, &commune, &forward(&communes[0])).await.status, StatusCode::FORBIDDEN);
    let sent = post(&app, &province, &forward(&communes[0])).await;
    assert_eq!((sent.status, sent.json()["status"].as_str()), (StatusCode::OK, Some("forwarded")));
    let own = list(&app, &commune, &communes[0]).await;
    assert_eq!(
        (own["status"].as_str(), own["acknowledge_part"].as_str()),
        (Some("forwarded"), Some("main"))
    );
    assert_eq!(own["arrivals"].as_array().unwrap().len(), 15);
    let done = post(&app, &commune, &acknowledge(&communes[0])).await;
    assert_eq!(done.json()["status"], "acknowledged");

    // A form typed the morning after: the addendum waits for the province, then for the commune.
    let late = std::iter::once((cccd(1980, 900), communes[0].clone(), DAY));
    declare_online_from(&app, &home, late).await;
    let hp = list(&app, &province, "31").await;
    let first = child(&hp, &communes[0]).unwrap();
    assert_eq!(
        (
            first["addendum"].as_i64(),
            first["addendum_status"].as_str(),
            first["forward_part"].as_str()
        ),
        (Some(1), Some("new"), Some("addendum"))
    );
    let sent = post(&app, &province, &format!("{}?part=addendum", forward(&communes[0]))).await;
    assert_eq!(
        (sent.json()["part"].as_str(), sent.json()["status"].as_str()),
        (Some("addendum"), Some("forwarded"))
    );
    let again = post(&app, &province, &format!("{}?part=addendum", forward(&communes[0]))).await;
    assert_eq!(again.json()["forwarded"], sent.json()["forwarded"], "the first forward stands");
    first_stamp_stands_when_two_officials_forward_at_once(&app, &code(&communes[1])).await;
    let own = list(&app, &commune, &communes[0]).await;
    assert_eq!(
        (own["acknowledge_part"].as_str(), own["addendum_status"].as_str()),
        (Some("addendum"), Some("forwarded"))
    );
    let path = format!("{}?part=addendum", acknowledge(&communes[0]));
    assert_eq!(post(&app, &commune, &path).await.json()["status"], "acknowledged");
    let own = list(&app, &commune, &communes[0]).await;
    assert_eq!(
        (own["acknowledge_part"].as_str(), own["addendum_status"].as_str(), own["status"].as_str()),
        (None, Some("acknowledged"), Some("acknowledged"))
    );
    let hp = list(&app, &province, "31").await;
    assert!(child(&hp, &communes[0]).unwrap()["forward_part"].is_null());

    // Another form typed at noon: the addendum now holds someone the commune was never handed, so it
    // shows as new and goes down again, to be acknowledged again.
    let noon = std::iter::once((cccd(1981, 901), communes[0].clone(), DAY));
    declare_online_from(&app, &home, noon).await;
    let first = child(&list(&app, &province, "31").await, &communes[0]).unwrap();
    assert_eq!(
        (
            first["addendum"].as_i64(),
            first["addendum_status"].as_str(),
            first["forward_part"].as_str()
        ),
        (Some(2), Some("new"), Some("addendum"))
    );
    let own = list(&app, &commune, &communes[0]).await;
    assert_eq!(
        (own["acknowledge_part"].as_str(), own["addendum_status"].as_str()),
        (None, Some("new"))
    );
    app.clock.advance(time::Duration::hours(3));
    let round = post(&app, &province, &format!("{}?part=addendum", forward(&communes[0]))).await;
    assert_eq!(round.json()["status"], "forwarded");
    assert_ne!(round.json()["forwarded"], sent.json()["forwarded"], "a round of its own");
    let own = list(&app, &commune, &communes[0]).await;
    assert_eq!(
        (own["acknowledge_part"].as_str(), own["addendum_status"].as_str()),
        (Some("addendum"), Some("forwarded"))
    );
    assert_eq!(post(&app, &commune, &path).await.json()["status"], "acknowledged");

    // The other commune's addendum holds nobody: there is nothing to hand down.
    let empty = post(&app, &province, &format!("{}?part=addendum", forward(&communes[1]))).await;
    assert_eq!(
        (empty.status, empty.json()["code"].as_str()),
        (StatusCode::CONFLICT, Some("addendum_empty"))
    );
}

/// Two officials who both read a list as not forwarded and both store their forward: the one stored
/// first stands, whatever the second wrote.
async fn first_stamp_stands_when_two_officials_forward_at_once(app: &TestApp, unit: &UnitCode) {
    use backend::store::daily_lists::{handovers, save_handover};
    use domain::daily_list::{Handover, Part, Stamp};
    let by = |who: &str, at: i64| Handover {
        forwarded: Some(Stamp { by: who.to_owned(), at }),
        acknowledged: None,
    };
    let db = &app.state.db.write;
    save_handover(db, day(), unit, Part::Main, &by("first", 1_764_300_000)).await.unwrap();
    save_handover(db, day(), unit, Part::Main, &by("second", 1_764_300_001)).await.unwrap();
    let stored = handovers(&app.state.db.read, day(), &[unit]).await.unwrap();
    assert_eq!(stored[unit].main, by("first", 1_764_300_000));
}

/// The count of a closed day is as of its line, also for a person who declares again between the line
/// and the count: they stay where their declaration before the line went, and someone whose first
/// declaration came after the line is not counted.
pub async fn a_declaration_stored_after_the_line_leaves_the_count_as_of_the_line(app: TestApp) {
    use backend::store::daily_lists::{count_main, Within};
    let communes = destinations(&app);
    let (first, second) = (communes[0].clone(), communes[1].clone());
    let (moving, late) = (person(1), person(2));
    declare_online(&app, [(moving.clone(), first.clone(), DAY)].into_iter()).await;
    let line = line_now(&app).await;
    declare_online(
        &app,
        [(moving.clone(), second.clone(), DAY), (late, second.clone(), DAY)].into_iter(),
    )
    .await;
    // Twice past the line: still one person to count back where they were.
    declare_online(&app, [(moving.clone(), second.clone(), DAY)].into_iter()).await;
    let units = app.state.units();
    let everywhere = Within::everywhere(&units.id);
    let as_of_line = count_main(&app.state.db.read, day(), line, &everywhere).await.unwrap();
    let arrivals: Vec<(String, i64)> =
        as_of_line.iter().map(|(c, n)| (c.to_string(), n.arrivals)).collect();
    assert_eq!(arrivals, vec![(first.clone(), 1)]);

    let now = line_now(&app).await;
    let as_of_now = count_main(&app.state.db.read, day(), now, &everywhere).await.unwrap();
    assert_eq!(as_of_now.get(&code(&first)).map(|c| c.arrivals), None);
    assert_eq!(as_of_now[&code(&second)].arrivals, 2);
}

async fn line_now(app: &TestApp) -> domain::daily_list::Watermark {
    let mut tx = app.state.db.write.begin().await.unwrap();
    let line = backend::store::daily_lists::draw_line(&mut tx).await.unwrap();
    tx.commit().await.unwrap();
    line
}
