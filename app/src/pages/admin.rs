//! The administrator's screens: accounts, checkpoints and the audit trail. Changes are plain form posts
//! to `/forms/...`, which redirect back here with the outcome.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{list_checkpoints, list_users, recent_audit};
use crate::components::{ErrorText, Notice, RequireLogin};
use crate::error::AppErrorDto;
use crate::i18n::Text;
use crate::t;
use domain::Role;

#[component]
pub fn UsersPage() -> impl IntoView {
    let users = Resource::new(|| (), |_| list_users());
    view! {
        <Title text=t(Text::UsersTitle)/>
        <h1>{t(Text::UsersTitle)}</h1>
        <Notice/>
        <RequireLogin>
            <Suspense fallback=|| view! { <p>{t(Text::Loading)}</p> }>
                {move || Suspend::new(async move {
                    listing(
                        users.await,
                        "users-caption",
                        Text::UsersTitle,
                        &[Text::Username, Text::Role, Text::ScopeLabel, Text::Status, Text::Actions],
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
                })}
            </Suspense>
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
        </RequireLogin>
    }
}

#[component]
pub fn CheckpointsPage() -> impl IntoView {
    let checkpoints = Resource::new(|| (), |_| list_checkpoints());
    view! {
        <Title text=t(Text::CheckpointsTitle)/>
        <h1>{t(Text::CheckpointsTitle)}</h1>
        <Notice/>
        <RequireLogin>
            <Suspense fallback=|| view! { <p>{t(Text::Loading)}</p> }>
                {move || Suspend::new(async move {
                    listing(
                        checkpoints.await,
                        "cp-caption",
                        Text::CheckpointsTitle,
                        &[Text::Code, Text::Name, Text::Commune, Text::Status, Text::Actions],
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
                })}
            </Suspense>
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
        </RequireLogin>
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let rows = Resource::new(|| (), |_| recent_audit());
    view! {
        <Title text=t(Text::AuditTitle)/>
        <h1>{t(Text::AuditTitle)}</h1>
        <RequireLogin>
            <Suspense fallback=|| view! { <p>{t(Text::Loading)}</p> }>
                {move || Suspend::new(async move {
                    listing(
                        rows.await,
                        "audit-caption",
                        Text::AuditTitle,
                        &[Text::Time, Text::Official, Text::ActionLabel, Text::TargetLabel],
                        |r| {
                            view! {
                                <tr>
                                    <td>{local_time(&r.at)}</td>
                                    <td>{r.actor_username}</td>
                                    <td>{r.action}</td>
                                    <td>{format!("{} {}", r.target_kind, r.target_id)}</td>
                                </tr>
                            }
                            .into_any()
                        },
                    )
                })}
            </Suspense>
        </RequireLogin>
    }
}

/// A captioned, scrollable table of what a server function listed, or its error in the reader's language.
fn listing<T>(
    result: Result<Vec<T>, AppErrorDto>,
    caption_id: &'static str,
    caption: Text,
    headers: &[Text],
    row: impl Fn(T) -> AnyView,
) -> AnyView {
    match result {
        Err(e) => view! { <ErrorText error=e/> }.into_any(),
        Ok(items) => view! {
            <div class="table-wrap" role="region" aria-labelledby=caption_id tabindex="0">
                <table>
                    <caption id=caption_id>{t(caption)}</caption>
                    <thead>
                        <tr>{headers.iter().map(|h| view! { <th scope="col">{t(*h)}</th> }).collect_view()}</tr>
                    </thead>
                    <tbody>{items.into_iter().map(row).collect_view()}</tbody>
                </table>
            </div>
        }
        .into_any(),
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

/// Stored times are UTC; people read Vietnam's time (UTC+7 all year, no daylight saving).
fn local_time(stored: &str) -> String {
    use time::macros::{format_description, offset};
    time::PrimitiveDateTime::parse(
        stored,
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond]Z"),
    )
    .map(|t| t.assume_utc().to_offset(offset!(+7)))
    .ok()
    .and_then(|t| {
        t.format(format_description!(
            "[day]/[month]/[year] [hour]:[minute]:[second]"
        ))
        .ok()
    })
    .unwrap_or_else(|| stored.to_owned())
}
