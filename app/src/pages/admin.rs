//! The administrator's screens: accounts, checkpoints, epidemic areas and rules, and the audit trail. Changes are plain form posts
//! to `/forms/...`, which redirect back here with the outcome.

use leptos::prelude::*;

use crate::api::{
    get_rules, list_areas, list_checkpoints, list_provinces, list_users, recent_audit,
};
use crate::components::listing::{listing, Column};
use crate::components::{ErrorText, Loaded, OfficialPage};
use crate::i18n::t;
use crate::i18n::Text;
use domain::rules::CheckpointAction;
use domain::Role;
use leptos_router::hooks::use_query_map;

#[component]
pub fn UsersPage() -> impl IntoView {
    let users = Resource::new(|| (), |_| list_users());
    view! {
        <OfficialPage title=Text::UsersTitle forms=true>
            <Loaded resource=users render=|list| {
                    listing(
                        list,
                        "users-caption",
                        Text::UsersTitle,
                        &[Text::Username, Text::Role, Text::ScopeLabel, Text::Status, Text::Actions].map(Column::Label),
                        |u| {
                            let scope = u.unit_name.clone().or(u.checkpoint_code.clone())
                                .unwrap_or_else(|| t(Text::WholeCountry).to_owned());
                            view! {
                                <tr>
                                    <td>{u.username.clone()}</td>
                                    <td>{t(Text::for_role(u.role))}</td>
                                    <td>{scope}</td>
                                    <ActiveCells action="/forms/users/active" id_name="user_id"
                                        id_value=u.id.to_string() subject=u.username active=u.active/>
                                </tr>
                            }
                            .into_any()
                        },
                    )
                }/>
            <h2>{t(Text::CreateUser)}</h2>
            <form class="stack narrow" method="post" action="/forms/users">
                <label for="new-username">{t(Text::Username)}</label>
                <input id="new-username" name="username" type="text" required autocapitalize="none" maxlength="40"/>
                <label for="new-password">{t(Text::Password)}</label>
                <input id="new-password" name="password" type="password" autocomplete="new-password" required minlength="10"/>
                <label for="new-role">{t(Text::Role)}</label>
                <select id="new-role" name="role">
                    {Role::ALL.into_iter().map(|r| view! { <option value=r.as_str()>{t(Text::for_role(r))}</option> }).collect_view()}
                </select>
                <label for="new-unit">{t(Text::UnitCodeLabel)}</label>
                <input id="new-unit" name="unit_code" type="text" inputmode="numeric" maxlength="10"/>
                <label for="new-checkpoint">{t(Text::CheckpointCodeLabel)}</label>
                <input id="new-checkpoint" name="checkpoint_code" type="text" maxlength="12"/>
                <button type="submit">{t(Text::CreateUser)}</button>
            </form>
        </OfficialPage>
    }
}

#[component]
pub fn CheckpointsPage() -> impl IntoView {
    let checkpoints = Resource::new(|| (), |_| list_checkpoints());
    view! {
        <OfficialPage title=Text::CheckpointsTitle forms=true>
            <Loaded resource=checkpoints render=|list| {
                    listing(
                        list,
                        "cp-caption",
                        Text::CheckpointsTitle,
                        &[Text::Code, Text::Name, Text::Commune, Text::Status, Text::Actions].map(Column::Label),
                        |c| {
                            view! {
                                <tr>
                                    <td>{c.code.clone()}</td>
                                    <td>{c.name}</td>
                                    <td>{c.unit_name}</td>
                                    <ActiveCells action="/forms/checkpoints/active" id_name="code"
                                        id_value=c.code.clone() subject=c.code active=c.active/>
                                </tr>
                            }
                            .into_any()
                        },
                    )
                }/>
            <h2>{t(Text::CreateCheckpoint)}</h2>
            <form class="stack narrow" method="post" action="/forms/checkpoints">
                <label for="cp-code">{t(Text::Code)}</label>
                <input id="cp-code" name="code" type="text" required maxlength="12" autocapitalize="characters"/>
                <label for="cp-name">{t(Text::Name)}</label>
                <input id="cp-name" name="name" type="text" required maxlength="200"/>
                <label for="cp-unit">{t(Text::UnitCodeLabel)}</label>
                <input id="cp-unit" name="unit_code" type="text" inputmode="numeric" required maxlength="10"/>
                <label for="cp-road">{t(Text::Road)}</label>
                <input id="cp-road" name="road" type="text" maxlength="200"/>
                <button type="submit">{t(Text::CreateCheckpoint)}</button>
            </form>
        </OfficialPage>
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let rows = Resource::new(|| (), |_| recent_audit());
    view! {
        <OfficialPage title=Text::AuditTitle>
            <Loaded resource=rows render=|list| {
                    listing(
                        list,
                        "audit-caption",
                        Text::AuditTitle,
                        &[Text::Time, Text::Official, Text::ActionLabel, Text::TargetLabel].map(Column::Label),
                        |r| {
                            view! {
                                <tr>
                                    <td>{local_time(r.at)}</td>
                                    <td>{r.actor_username}</td>
                                    <td>{r.action}</td>
                                    <td>{format!("{} {}", r.target_kind, r.target_id)}</td>
                                </tr>
                            }
                            .into_any()
                        },
                    )
                }/>
        </OfficialPage>
    }
}

/// Epidemic areas (declared, with their history, and ended here) and each province's checkpoint rules.
#[component]
pub fn AreasPage() -> impl IntoView {
    let areas = Resource::new(|| (), |_| list_areas());
    let query = use_query_map();
    let province = move || query.with(|q| q.get("province").unwrap_or_default());
    let provinces = Resource::new(|| (), |_| list_provinces());
    let rules = Resource::new(province, |p| async move {
        if p.is_empty() {
            None
        } else {
            Some(get_rules(p).await)
        }
    });
    let levels = [Text::Level1, Text::Level2, Text::Level3, Text::Level4];
    view! {
        <OfficialPage title=Text::AreasTitle forms=true>
            <h2>{t(Text::DeclareArea)}</h2>
            <form class="stack narrow" method="post" action="/forms/areas">
                <label for="area-unit">{t(Text::AreaUnitCode)}</label>
                <input id="area-unit" name="unit_code" type="text" inputmode="numeric" required maxlength="10"/>
                <label for="area-level">{t(Text::RiskLevelLabel)}</label>
                <select id="area-level" name="level">
                    {levels.into_iter().enumerate().map(|(i, text)| view! {
                        <option value=(i + 1).to_string()>{t(text)}</option>
                    }).collect_view()}
                </select>
                <label for="area-from">{t(Text::ValidFrom)}</label>
                <input id="area-from" name="valid_from" type="date"/>
                <label for="area-until">{t(Text::ValidUntil)}</label>
                <input id="area-until" name="valid_until" type="date"/>
                <label for="area-note">{t(Text::NoteLabel)}</label>
                <input id="area-note" name="note" type="text" maxlength="500"/>
                <button type="submit">{t(Text::DeclareArea)}</button>
            </form>
            <Loaded resource=areas render=|list| {
                    listing(
                        list,
                        "areas-caption",
                        Text::AreasHistory,
                        &[Text::UnitLabel, Text::RiskLevelLabel, Text::PeriodLabel, Text::Status, Text::NoteLabel, Text::DeclaredBy, Text::Actions].map(Column::Label),
                        |a| {
                            let period = format!("{} – {}", a.valid_from, a.valid_until.clone().unwrap_or_default());
                            let subject = format!("{} {}", t(Text::EndArea), a.unit_name);
                            view! {
                                <tr>
                                    <td>{a.unit_name} " (" {a.unit_code} ")"</td>
                                    <td class="num">{a.level}</td>
                                    <td>{period}</td>
                                    <td>{t(if a.in_force { Text::InForce } else { Text::NotInForce })}</td>
                                    <td>{a.note}</td>
                                    <td>{a.declared_by}</td>
                                    <td>
                                        {a.in_force.then(|| view! {
                                            <form method="post" action="/forms/areas/end">
                                                <input type="hidden" name="id" value=a.id.to_string()/>
                                                <button type="submit" aria-label=subject>{t(Text::EndArea)}</button>
                                            </form>
                                        })}
                                    </td>
                                </tr>
                            }
                            .into_any()
                        },
                    )
                }/>
            <h2 id="rules">{t(Text::RulesTitle)}</h2>
            <p>{t(Text::RulesIntro)}</p>
            <Suspense fallback=|| view! { <p>{t(Text::Loading)}</p> }>
                {move || Suspend::new(async move {
                    let chosen = province();
                    let provinces = provinces.await.unwrap_or_default();
                    let rules = rules.await;
                    view! {
                        <form class="stack narrow" method="get" action="/admin/areas">
                            <label for="rules-province">{t(Text::Province)}</label>
                            <select id="rules-province" name="province">
                                <option value="">{t(Text::ChooseProvince)}</option>
                                {provinces.into_iter().map(|p| view! {
                                    <option value=p.code.clone() selected=p.code == chosen>{p.name}</option>
                                }).collect_view()}
                            </select>
                            <button type="submit" class="secondary">{t(Text::ShowRules)}</button>
                        </form>
                        {rules.map(|r| match r {
                            Err(e) => view! { <ErrorText error=e/> }.into_any(),
                            Ok(view) => view! { <RulesForm view/> }.into_any(),
                        })}
                    }
                })}
            </Suspense>
        </OfficialPage>
    }
}

#[component]
fn RulesForm(view: contract::dto::RulesView) -> impl IntoView {
    let rows = [
        ("outside", Text::OriginOutside, view.rules.outside),
        ("level_1", Text::OriginLevel1, view.rules.by_level[0]),
        ("level_2", Text::OriginLevel2, view.rules.by_level[1]),
        ("level_3", Text::OriginLevel3, view.rules.by_level[2]),
        ("level_4", Text::OriginLevel4, view.rules.by_level[3]),
    ];
    view! {
        <form class="stack narrow" method="post" action="/forms/rules">
            <h3>{view.province_name}</h3>
            <input type="hidden" name="province" value=view.province_code/>
            {rows.into_iter().map(|(name, label, current)| {
                let id = format!("rule-{name}");
                view! {
                    <label for=id.clone()>{t(label)}</label>
                    <select id=id name=name>
                        {CheckpointAction::ALL.into_iter().map(|a| view! {
                            <option value=a.as_str() selected=a == current>{t(Text::for_action(a))}</option>
                        }).collect_view()}
                    </select>
                }
            }).collect_view()}
            <button type="submit">{t(Text::SaveRules)}</button>
        </form>
    }
}

/// The status cell and the enable/disable button of a row, as a plain form post.
#[component]
fn ActiveCells(
    action: &'static str,
    id_name: &'static str,
    id_value: String,
    subject: String,
    active: bool,
) -> impl IntoView {
    let (status, button, to) = if active {
        (Text::Active, Text::Disable, "0")
    } else {
        (Text::Disabled, Text::Enable, "1")
    };
    view! {
        <td>{t(status)}</td>
        <td>
            <form method="post" action=action>
                <input type="hidden" name=id_name value=id_value/>
                <input type="hidden" name="active" value=to/>
                <button type="submit" aria-label=format!("{} {subject}", t(button))>{t(button)}</button>
            </form>
        </td>
    }
}

/// An audit row's time in Vietnam's time, to the second: "DD/MM/YYYY HH:MM:SS".
fn local_time(unix_seconds: i64) -> String {
    let v = domain::date::VietnamTime::at(unix_seconds);
    format!("{} {:02}:{:02}:{:02}", v.date.vietnamese(), v.hour, v.minute, v.second)
}
