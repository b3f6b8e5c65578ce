//! Demo data for Hải Dương: its 28 border checkpoints, one account per role and a synthetic population
//! registry generated from a seed. Running it again changes nothing.

use crate::Result;
use std::collections::HashSet;

use anyhow::Context;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::admin::{self, NewCheckpointInput, NewUserInput};
use super::store::{self, audit::By};
use super::{AppError, AppState, Official};
use domain::identity::CCCD_PROVINCE_PREFIXES;
use domain::registry::Entry;
use domain::{Cccd, Sex, Unit, UnitCode, UnitTree};

pub const PROVINCE: &str = "30";
pub const CHECKPOINTS: usize = 28;
/// Printed by `zonepass demo-data`; demo accounts exist to be logged into.
pub const DEMO_PASSWORD: &str = "zonepass-demo";

pub struct DemoAccount {
    pub username: String,
    pub role: &'static str,
    pub scope: String,
}

pub struct DemoReport {
    pub checkpoints_added: usize,
    pub accounts: Vec<DemoAccount>,
    pub accounts_added: usize,
    pub people_added: u64,
}

/// Picks the border: of the province's communes, the one farthest from the centre in each of 28 equal
/// angular sectors, so the checkpoints ring the province as its gateway roads do.
pub fn border_communes(tree: &UnitTree, province: &UnitCode, count: usize) -> Vec<Unit> {
    let communes: Vec<&Unit> = tree
        .communes_within(province)
        .into_iter()
        .filter(|u| u.lat.is_some() && u.lon.is_some())
        .collect();
    if communes.is_empty() {
        return Vec::new();
    }
    let n = communes.len() as f64;
    let (clat, clon) = communes.iter().fold((0.0, 0.0), |(a, b), u| {
        (a + u.lat.unwrap_or_default() / n, b + u.lon.unwrap_or_default() / n)
    });
    let polar = |u: &Unit| {
        let (dy, dx) = (u.lat.unwrap_or_default() - clat, u.lon.unwrap_or_default() - clon);
        (dy.atan2(dx).rem_euclid(std::f64::consts::TAU), dx.hypot(dy))
    };
    let mut chosen: Vec<(f64, &Unit)> = Vec::new();
    let sector = std::f64::consts::TAU / count as f64;
    for s in 0..count {
        let best = communes
            .iter()
            .filter(|u| ((polar(u).0 / sector) as usize).min(count - 1) == s)
            .max_by(|a, b| polar(a).1.total_cmp(&polar(b).1));
        if let Some(u) = best {
            chosen.push((polar(u).0, u));
        }
    }
    // Sectors with no commune (a narrow edge of the province) are filled by the next-farthest communes.
    let mut rest: Vec<&&Unit> =
        communes.iter().filter(|u| !chosen.iter().any(|(_, c)| c.code == u.code)).collect();
    rest.sort_by(|a, b| polar(b).1.total_cmp(&polar(a).1));
    for u in rest.into_iter().take(count.saturating_sub(chosen.len())) {
        chosen.push((polar(u).0, u));
    }
    chosen.sort_by(|a, b| a.0.total_cmp(&b.0));
    chosen.into_iter().map(|(_, u)| u.clone()).collect()
}

pub async fn ensure(
    state: &AppState,
    by: &Official,
    seed: u64,
    people: usize,
) -> Result<DemoReport> {
    by.authorise(domain::Action::ManageUsers, domain::Target::System)?;
    let units = state.units();
    let province = UnitCode::parse(PROVINCE).map_err(|e| AppError::Unexpected(e.into()))?;
    if units.tree.get(&province).is_none() {
        return Err(AppError::Unexpected(anyhow::anyhow!(
            "the active unit tree has no province {PROVINCE} (Hải Dương); demo data needs the three-tier tree"
        )));
    }

    let border = border_communes(&units.tree, &province, CHECKPOINTS);
    let mut checkpoints_added = 0;
    for (i, commune) in border.iter().enumerate() {
        let code = format!("HD{:02}", i + 1);
        let district = units
            .tree
            .ancestors_of(&commune.code)
            .first()
            .map(|d| d.name.clone())
            .unwrap_or_default();
        let input = NewCheckpointInput {
            name: format!("Chốt {code} – {}, {district}", commune.name),
            road: format!("Cửa ngõ ranh giới tỉnh tại {}", commune.name),
            code,
            unit_code: commune.code.to_string(),
            lat: commune.lat,
            lon: commune.lon,
        };
        match admin::create_checkpoint(state, by, input).await {
            Ok(()) => checkpoints_added += 1,
            Err(AppError::Conflict(_)) => {}
            Err(e) => return Err(e),
        }
    }

    let first_child = |code| units.tree.children_of(code).map(|u| u.code.clone()).min();
    let district = first_child(&province).context("Hải Dương has no districts")?;
    let commune = first_child(&district).context("the demo district has no communes")?;
    let plan: [(&str, &'static str, Option<&UnitCode>, Option<&str>); 9] = [
        ("admin", "admin", None, None),
        ("national", "national", None, None),
        ("province.hd", "province", Some(&province), None),
        ("district.hd", "district", Some(&district), None),
        ("commune.hd", "commune", Some(&commune), None),
        ("chief.hd", "commune_chief", Some(&commune), None),
        ("officer.hd01", "checkpoint_officer", None, Some("HD01")),
        ("entry.hd01", "data_entry", None, Some("HD01")),
        ("steering.hd", "steering", Some(&commune), None),
    ];
    let mut accounts = Vec::new();
    let mut accounts_added = 0;
    for (username, role, unit, checkpoint) in plan {
        let scope = match (unit, checkpoint) {
            (Some(u), _) => units.tree.full_name(u),
            (_, Some(c)) => c.to_owned(),
            _ => "Toàn quốc".to_owned(),
        };
        accounts.push(DemoAccount { username: username.to_owned(), role, scope });
        if store::users::by_username(&state.db.read, username).await?.is_some() {
            continue;
        }
        admin::create_user(
            state,
            by,
            NewUserInput {
                username: username.to_owned(),
                password: DEMO_PASSWORD.to_owned(),
                role: role.to_owned(),
                unit_code: unit.map(|u| u.to_string()),
                checkpoint_code: checkpoint.map(str::to_owned),
            },
        )
        .await?;
        accounts_added += 1;
    }

    let population = synthetic_population(&units.tree, &province, seed, people);
    let mut tx = state.db.write.begin().await?;
    let people_added = store::registry::insert_many(&mut tx, &population).await?;
    if people_added > 0 {
        super::store::audit::Entry::new("generate_registry", "registry", PROVINCE)
            .in_unit(PROVINCE)
            .saying(format!("{people_added} synthetic people from seed {seed}"))
            .record(&mut *tx, state.now(), By::Official(by))
            .await?;
    }
    tx.commit().await?;
    Ok(DemoReport { checkpoints_added, accounts, accounts_added, people_added })
}

const FAMILY: [(&str, u32); 14] = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 10),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Vũ", 5),
    ("Phan", 4),
    ("Đặng", 3),
    ("Bùi", 3),
    ("Đỗ", 3),
    ("Ngô", 2),
    ("Dương", 2),
    ("Đinh", 2),
    ("Trương", 1),
];
const MIDDLE_MALE: [&str; 8] = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Xuân", "Công"];
const MIDDLE_FEMALE: [&str; 8] = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Hồng", "Kim"];
const GIVEN_MALE: [&str; 16] = [
    "An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn",
    "Tâm", "Thắng", "Tuấn", "Việt",
];
const GIVEN_FEMALE: [&str; 16] = [
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân",
    "Nhung", "Oanh", "Thảo", "Yến",
];
const HAMLET: [&str; 4] = ["Thôn", "Khu", "Xóm", "Tổ dân phố"];

/// A deterministic synthetic registry: names, birth dates and 12-digit ID numbers that agree with
/// birth year and sex, living in the province's communes. The same seed gives the same people.
pub fn synthetic_population(
    tree: &UnitTree,
    province: &UnitCode,
    seed: u64,
    count: usize,
) -> Vec<Entry> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut communes: Vec<&Unit> = tree.communes_within(province);
    communes.sort_by(|a, b| a.code.cmp(&b.code));
    if communes.is_empty() {
        return Vec::new();
    }
    let home_prefix = format!("{:0>3}", province.as_str());
    let family_total: u32 = FAMILY.iter().map(|(_, w)| w).sum();
    let mut seen = HashSet::with_capacity(count);
    let mut people = Vec::with_capacity(count);
    while people.len() < count {
        let sex = if rng.gen_bool(0.5) { Sex::Male } else { Sex::Female };
        let mut pick = rng.gen_range(0..family_total);
        let family = FAMILY
            .iter()
            .find(|(_, w)| {
                let hit = pick < *w;
                pick = pick.saturating_sub(*w);
                hit
            })
            .map(|(f, _)| *f)
            .unwrap_or("Nguyễn");
        let (middle, given) = match sex {
            Sex::Male => (MIDDLE_MALE.choose(&mut rng), GIVEN_MALE.choose(&mut rng)),
            Sex::Female => (MIDDLE_FEMALE.choose(&mut rng), GIVEN_FEMALE.choose(&mut rng)),
        };
        let year = rng.gen_range(1935..=2024);
        let month = rng.gen_range(1..=12u8);
        let day = rng.gen_range(1..=domain::date::days_in_month(year as u16, month));
        let prefix = if rng.gen_bool(0.85) {
            home_prefix.clone()
        } else {
            CCCD_PROVINCE_PREFIXES
                .choose(&mut rng)
                .map(|p| (*p).to_owned())
                .unwrap_or_else(|| home_prefix.clone())
        };
        let Ok(id) = Cccd::compose(&prefix, year, sex, rng.gen_range(0..1_000_000)) else {
            continue;
        };
        if !seen.insert(id.as_str().to_owned()) {
            continue;
        }
        let at = rng.gen_range(0..communes.len());
        // One person in twenty lives away from the commune they are registered in: reconciliation
        // meets people registered elsewhere. Chosen from the number, so the draws stay as they were.
        let permanent = if id.as_str().ends_with('7') && id.as_str().as_bytes()[10] % 2 == 0 {
            communes[(at + 1) % communes.len()]
        } else {
            communes[at]
        };
        let Some(birth_date) = domain::date::CivilDate::new(year as u16, month, day) else {
            continue;
        };
        people.push(Entry {
            document_number: id.clone().into(),
            full_name: format!("{family} {} {}", middle.unwrap_or(&"Văn"), given.unwrap_or(&"An")),
            birth_date,
            sex,
            permanent_commune: permanent.code.clone(),
            current_commune: communes[at].code.clone(),
            address: format!(
                "Số {}, {} {}",
                rng.gen_range(1..200),
                HAMLET.choose(&mut rng).unwrap_or(&"Thôn"),
                rng.gen_range(1..15)
            ),
        });
    }
    people
}
