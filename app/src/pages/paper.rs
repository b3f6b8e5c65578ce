//! Paper declarations at the checkpoint: the entry screen made for the keyboard (the fields in the order
//! of the paper, dates and places typed, never picked), what ZonePass found of the same trip, the day's
//! batches of forms collected and typed, and the forms kept for a check.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{get_paper_draft, get_pass, paper_batches, search_communes, waiting_paper_forms};
use crate::components::declaration_fields::{symptom_boxes, vehicle_options};
use crate::components::listing::{listing, Column as ListColumn};
use crate::components::{facts, Loaded, OfficialPage};
use crate::i18n::{t, Text};
use contract::dto::{
    CommuneMatch, ImportOutcome, PaperBatch, PaperDraft, PassView, PlaceChoices, WaitingForm,
};
use domain::paper::{Column, TypedForm};

/// The fields of the entry screen in the order the paper form asks them.
const PAPER_ORDER: [Column; 18] = [
    Column::FormNumber,
    Column::CollectedOn,
    Column::FullName,
    Column::BirthDate,
    Column::Sex,
    Column::DocumentType,
    Column::DocumentNumber,
    Column::Phone,
    Column::ResidenceCommune,
    Column::ResidenceAddress,
    Column::OriginCommune,
    Column::DestinationCommune,
    Column::TravelDate,
    Column::Vehicle,
    Column::VehiclePlate,
    Column::Symptoms,
    Column::CloseContact,
    Column::VaccinationDoses,
];

#[component]
pub fn PaperPage() -> impl IntoView {
    let query = use_query_map();
    let draft_id = move || query.with(|q| q.get("draft").unwrap_or_default());
    let again = move || query.with(|q| q.get("again").unwrap_or_default());
    let pass = move || query.with(|q| q.get("pass").unwrap_or_default());
    let draft = Resource::new(draft_id, |id| async move {
        if id.is_empty() {
            Ok(None)
        } else {
            get_paper_draft(id).await
        }
    });
    let waiting = Resource::new(|| (), |_| waiting_paper_forms());
    let batches = Resource::new(|| (), |_| paper_batches());
    view! {
        <OfficialPage title=Text::PaperTitle forms=true>
            {move || {
                let key = pass();
                (!key.is_empty()).then(|| view! {
                    <p><a class="button" href=format!("/nhap-lieu/in/{key}")>{t(Text::PrintPass)}</a></p>
                })
            }}
            <Suspense fallback=|| view! { <p>{t(Text::Loading)}</p> }>
                {move || Suspend::new(async move {
                    let kept = draft.await.ok().flatten();
                    let waiting_forms = waiting.await.unwrap_or_default();
                    let again = again();
                    let report = kept.as_ref().and_then(|d| d.import.clone());
                    let draft = kept.unwrap_or_else(|| PaperDraft {
                        typed: waiting_forms
                            .into_iter()
                            .find(|w| !again.is_empty() && w.form_number == again)
                            .map(|w| w.typed)
                            .unwrap_or_default(),
                        ..PaperDraft::default()
                    });
                    view! { {report.map(import_report)} <EntryForm draft/> }
                })}
            </Suspense>
            <section aria-labelledby="batch-title">
                <h2 id="batch-title">{t(Text::BatchTitle)}</h2>
                <form class="stack narrow" method="post" action="/forms/paper/count">
                    <label for="batch-day">{t(Text::BatchDay)}</label>
                    <input id="batch-day" name="day" type="text" inputmode="numeric" maxlength="10"
                        placeholder="ddmmyyyy" autocomplete="off"/>
                    <label for="batch-collected">{t(Text::FormsCollected)}</label>
                    <input id="batch-collected" name="collected" type="number" min="0" max="100000" required/>
                    <button type="submit" class="secondary">{t(Text::SaveCount)}</button>
                </form>
                <Loaded resource=batches render=|list| batch_table(list)/>
            </section>
            <Loaded resource=waiting render=|list| waiting_table(list)/>
            <Upload/>
        </OfficialPage>
    }
}

/// The form being typed, with what the last round found: problems in place, the same trip found, or
/// the communes a typed name may mean. Every answer typed so far comes back.
#[component]
fn EntryForm(draft: PaperDraft) -> impl IntoView {
    let PaperDraft { typed, found, problems, choices, error, .. } = draft;
    let has_problems = !problems.is_empty();
    let fresh = !has_problems && found.is_empty() && choices.is_empty() && error.is_none();
    // The cursor starts where the officer goes next: the first field of a blank form, the first answer
    // to fix, or (when the same trip was found) the button that links to it.
    let problem_of =
        move |column: Column| problems.iter().find(|p| p.column == column).map(|p| p.problem);
    let focus = if fresh {
        Some(Column::FormNumber)
    } else if found.is_empty() && choices.is_empty() {
        PAPER_ORDER.into_iter().find(|c| problem_of(*c).is_some())
    } else {
        None
    };
    let first_found = found.first().map(|f| f.declaration_id);
    let fields = PAPER_ORDER
        .into_iter()
        .map(|column| {
            let problem = problem_of(column);
            let choices = choices.iter().find(|c| c.field == column.as_str()).cloned();
            entry_field(column, &typed, problem, choices, focus == Some(column))
        })
        .collect_view();
    view! {
        <section aria-labelledby="entry-title">
            <h2 id="entry-title">{t(Text::PaperEntryTitle)}</h2>
            <p id="entry-hint" class="hint">{t(Text::PaperEntryHint)}</p>
            {error.map(|code| view! { <p class="notice error" role="alert">{t(Text::for_error(code))}</p> })}
            {has_problems.then(|| view! {
                <p class="notice error" role="alert">{t(Text::FixTheseFields)}</p>
            })}
            <form class="stack paper-entry" method="post" action="/forms/paper" aria-describedby="entry-hint">
                {fields}
                <div class="buttons">
                    <button type="submit" name="choice" value="save">{t(Text::SavePaper)}</button>
                    <button type="submit" name="choice" value="illegible" class="secondary">{t(Text::Illegible)}</button>
                </div>
                {(!found.is_empty()).then(move || view! {
                    <div class="found" role="alert">
                        <p>{t(Text::FoundSameTrip)}</p>
                        {listing(
                            found,
                            "found-caption",
                            Text::FoundSameTrip,
                            &[Text::Channel, Text::FullName, Text::DocumentNumber, Text::BirthDate, Text::TravelDate, Text::DestinationPlace, Text::Actions].map(ListColumn::Label),
                            move |f| view! {
                                <tr>
                                    <td>{t(if f.channel == "paper" { Text::ChannelPaper } else { Text::ChannelOnline })}</td>
                                    <td>{f.full_name}</td>
                                    <td>{f.document_number}</td>
                                    <td>{f.birth_date}</td>
                                    <td>{f.travel_date}</td>
                                    <td>{f.destination}</td>
                                    <td>
                                        <button type="submit" name="choice" value=format!("link:{}", f.declaration_id)
                                            autofocus=first_found == Some(f.declaration_id)>
                                            {t(Text::LinkToThis)}
                                        </button>
                                    </td>
                                </tr>
                            }.into_any(),
                        )}
                        <label for="paper-reason">{t(Text::SeparateReason)}</label>
                        <input id="paper-reason" name="reason" type="text" maxlength="300"/>
                        <button type="submit" name="choice" value="separate" class="secondary">{t(Text::KeepSeparate)}</button>
                    </div>
                })}
            </form>
        </section>
    }
}

/// One field of the paper form, typed: its label, the answer so far, and its problem under it.
fn entry_field(
    column: Column,
    typed: &TypedForm,
    problem: Option<domain::declaration::Problem>,
    choices: Option<PlaceChoices>,
    focus: bool,
) -> AnyView {
    let name = column.as_str();
    let id = format!("paper-{name}");
    let error_id = format!("{id}-error");
    let invalid = problem.map(|_| "true");
    let described = problem.map(|_| error_id.clone());
    let message =
        problem.map(|p| view! { <p id=error_id class="field-error">{t(Text::for_problem(p))}</p> });
    let label = t(Text::for_column(column));
    let input = &typed.input;
    let text = |value: &str, maxlength: &'static str, inputmode: Option<&'static str>| {
        view! {
            <label for=id.clone()>{label}</label>
            <input id=id.clone() name=name type="text" value=value.to_owned() maxlength=maxlength
                inputmode=inputmode autocomplete="off" autofocus=focus aria-invalid=invalid
                aria-describedby=described.clone()/>
        }
        .into_any()
    };
    let date = |value: &str| text(value, "10", Some("numeric"));
    let field = match column {
        Column::FormNumber => text(&typed.form_number, "40", None),
        Column::CollectedOn => date(&typed.collected_on),
        Column::FullName => text(&input.full_name, "100", None),
        Column::BirthDate => date(&input.birth_date),
        Column::TravelDate => date(&input.travel_date),
        Column::DocumentNumber => text(&input.document_number, "20", Some("numeric")),
        Column::Phone => text(&input.phone, "20", Some("tel")),
        Column::ResidenceAddress => text(&input.residence_address, "200", None),
        Column::VehiclePlate => text(&input.vehicle_plate, "15", None),
        Column::VaccinationDoses => text(&input.vaccination_doses.to_string(), "2", Some("numeric")),
        Column::ResidenceCommune | Column::OriginCommune | Column::DestinationCommune => {
            let value = match column {
                Column::ResidenceCommune => &input.residence_commune,
                Column::OriginCommune => &input.origin_commune,
                _ => &input.destination_commune,
            };
            match choices {
                Some(choices) => view! {
                    <label for=id.clone()>{label} " — " {t(Text::ChoosePlace)}</label>
                    <select id=id.clone() name=name autofocus=true>
                        {choices.communes.into_iter().map(|c| {
                            let text = format!("{} ({})", c.label, c.code);
                            view! { <option value=c.code>{text}</option> }
                        }).collect_view()}
                    </select>
                }
                .into_any(),
                None => view! {
                    <PlaceTypeahead id=id.clone() name label value=value.clone() invalid
                        described=described.clone()/>
                }
                .into_any(),
            }
        }
        Column::Sex => view! {
            <label for=id.clone()>{label}</label>
            <select id=id.clone() name=name aria-invalid=invalid aria-describedby=described.clone()>
                <option value="male" selected=input.sex == "male">{t(Text::Male)}</option>
                <option value="female" selected=input.sex == "female">{t(Text::Female)}</option>
            </select>
        }
        .into_any(),
        Column::DocumentType => view! {
            <label for=id.clone()>{label}</label>
            <select id=id.clone() name=name>
                <option value="cccd" selected=input.document_type != "cmnd">{t(Text::DocCccd)}</option>
                <option value="cmnd" selected=input.document_type == "cmnd">{t(Text::DocCmnd)}</option>
            </select>
        }
        .into_any(),
        Column::Vehicle => view! {
            <label for=id.clone()>{label}</label>
            <select id=id.clone() name=name aria-invalid=invalid aria-describedby=described.clone()>
                {vehicle_options(&input.vehicle)}
            </select>
        }
        .into_any(),
        Column::Symptoms => symptom_boxes(&input.symptoms).into_any(),
        Column::CloseContact => view! {
            <label class="check" for=id.clone()>
                <input type="checkbox" id=id.clone() name=name value="true" checked=input.close_contact/>
                {label}
            </label>
        }
        .into_any(),
    };
    view! { {field} {message} }.into_any()
}

/// A commune typed by name: with JavaScript, the communes whose names answer what was typed (with or
/// without diacritics) are offered below it as the officer types; Arrow keys move through them and Enter
/// takes one, filling in its code. Without JavaScript, the server reads the name when the form is saved.
#[component]
fn PlaceTypeahead(
    id: String,
    name: &'static str,
    label: &'static str,
    value: String,
    invalid: Option<&'static str>,
    described: Option<String>,
) -> impl IntoView {
    let text = RwSignal::new(value.clone());
    let matches = RwSignal::new(Vec::<CommuneMatch>::new());
    let active = RwSignal::new(None::<usize>);
    let list_id = format!("{id}-list");
    let option_id = {
        let list_id = list_id.clone();
        move |i: usize| format!("{list_id}-{i}")
    };
    let close = move || {
        matches.set(Vec::new());
        active.set(None);
    };
    let choose = move |i: usize| {
        if let Some(m) = matches.with_untracked(|found| found.get(i).cloned()) {
            text.set(format!("{} {}", m.code, m.label));
            close();
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        text.set(typed.clone());
        let worth_asking = typed.trim().chars().filter(|c| c.is_alphabetic()).count() >= 2;
        if !worth_asking {
            close();
            return;
        }
        leptos::task::spawn_local(async move {
            let found = search_communes(typed.clone()).await.unwrap_or_default();
            // An answer to an earlier keystroke is dropped.
            if text.get_untracked() == typed {
                matches.set(found);
                active.set(None);
            }
        });
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = matches.with_untracked(Vec::len);
        if count == 0 {
            return;
        }
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                active.set(Some(active.get_untracked().map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" => {
                ev.prevent_default();
                active.set(Some(
                    active.get_untracked().map_or(count - 1, |i| (i + count - 1) % count),
                ));
            }
            "Enter" => {
                if let Some(i) = active.get_untracked() {
                    ev.prevent_default();
                    choose(i);
                }
            }
            "Escape" => close(),
            _ => {}
        }
    };
    let expanded = move || if matches.with(Vec::is_empty) { "false" } else { "true" };
    let active_option = {
        let option_id = option_id.clone();
        move || active.get().map(&option_id)
    };
    view! {
        <label for=id.clone()>{label}</label>
        <input id=id name=name type="text" maxlength="120" autocomplete="off" role="combobox"
            aria-autocomplete="list" aria-controls=list_id.clone() aria-expanded=expanded
            aria-activedescendant=active_option aria-invalid=invalid aria-describedby=described
            value=value prop:value=move || text.get() on:input=on_input on:keydown=on_keydown
            on:blur=move |_| close()/>
        <ul id=list_id class="typeahead" role="listbox" aria-label=label hidden=move || matches.with(Vec::is_empty)>
            {move || matches.get().into_iter().enumerate().map(|(i, m)| {
                let id = option_id(i);
                view! {
                    <li id=id role="option" aria-selected=move || if active.get() == Some(i) { "true" } else { "false" }
                        on:mousedown=move |ev| {
                            ev.prevent_default();
                            choose(i);
                        }>
                        {m.label}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

fn batch_table(list: Vec<PaperBatch>) -> impl IntoView {
    listing(
        list,
        "batches-caption",
        Text::BatchTitle,
        &[
            ListColumn::Label(Text::CheckpointLabel),
            ListColumn::Label(Text::DayLabel),
            ListColumn::Number(Text::Collected),
            ListColumn::Number(Text::Typed),
            ListColumn::Number(Text::ToCheck),
            ListColumn::Number(Text::Untyped),
            ListColumn::Number(Text::OldestWaiting),
        ],
        |b| {
            view! {
                <tr class:warn={b.untyped > 0}>
                    <td>{b.name} " (" {b.checkpoint} ")"</td>
                    <td>{b.collected_on}</td>
                    <td class="num">{b.collected}</td>
                    <td class="num">{b.typed}</td>
                    <td class="num">{b.needs_checking}</td>
                    <td class="num">{b.untyped}</td>
                    <td class="num">{b.waiting_minutes.map(|m| m.to_string()).unwrap_or_default()}</td>
                </tr>
            }
            .into_any()
        },
    )
}

fn waiting_table(list: Vec<WaitingForm>) -> impl IntoView {
    listing(
        list,
        "waiting-caption",
        Text::WaitingTitle,
        &[
            ListColumn::Label(Text::FormNumber),
            ListColumn::Label(Text::DayLabel),
            ListColumn::Label(Text::FullName),
            ListColumn::Label(Text::Official),
            ListColumn::Label(Text::Time),
            ListColumn::Label(Text::Actions),
        ],
        |w| {
            let href = format!("/nhap-lieu?again={}", crate::components::urlencode(&w.form_number));
            view! {
                <tr>
                    <td>{w.form_number}</td>
                    <td>{w.collected_on}</td>
                    <td>{w.typed.input.full_name}</td>
                    <td>{w.entered_by}</td>
                    <td>{w.entered_at}</td>
                    <td><a href=href>{t(Text::TypeAgain)}</a></td>
                </tr>
            }
            .into_any()
        },
    )
}

/// The pass of a paper traveller, laid out for an A6 sheet handed over at the checkpoint.
#[component]
pub fn PaperPassPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.with(|p| p.get("key").unwrap_or_default());
    let pass = Resource::new(key, get_pass);
    view! {
        <OfficialPage title=Text::PassTitle>
            <Loaded resource=pass render=|pass| printed_pass(pass)/>
            <p class="no-print">{t(Text::PrintHint)}</p>
            <p class="no-print"><a href="/nhap-lieu">{t(Text::BackToPaper)}</a></p>
        </OfficialPage>
    }
}

fn printed_pass(pass: PassView) -> impl IntoView {
    let label = format!("{} {}", t(Text::PassQrLabel), pass.full_name);
    view! {
        <article class="a6-pass">
            <div class="qr" role="img" aria-label=label inner_html=pass.qr_svg></div>
            {facts("pass-facts", vec![
                (Text::FullName, pass.full_name),
                (Text::DocumentNumber, pass.document_number),
                (Text::BirthDate, pass.birth_date),
                (Text::PassFrom, pass.origin),
                (Text::PassTo, pass.destination),
                (Text::PassExpiresAt, pass.expires_local),
            ])}
        </article>
    }
}

/// What an uploaded file did: the counts, and the rows refused with their line and reason.
fn import_report(outcome: ImportOutcome) -> impl IntoView {
    let r = outcome.report;
    let counts = [
        (Text::ImportedNew, r.imported),
        (Text::ImportedLinked, r.linked),
        (Text::ImportedDuplicates, r.duplicates),
        (Text::ImportedRejected, outcome.rejected_total),
    ];
    let summary = if outcome.refused { Text::ImportRefused } else { Text::ImportDone };
    view! {
        <section aria-labelledby="import-title" class="import-report">
            <h2 id="import-title">{t(Text::ImportReport)}</h2>
            <p class="notice" class:error=outcome.refused class:ok=!outcome.refused role="status">{t(summary)}</p>
            <dl class="counts">
                {counts.into_iter().map(|(label, n)| view! { <div><dt>{t(label)}</dt><dd>{n}</dd></div> }).collect_view()}
            </dl>
            {listing(
                r.rejected,
                "rejected-caption",
                Text::ImportedRejected,
                &[ListColumn::Number(Text::Line), ListColumn::Label(Text::Column), ListColumn::Label(Text::Problem)],
                |row| {
                    let column = row.field.as_deref().and_then(Column::parse).map(|c| t(Text::for_column(c)));
                    view! {
                        <tr>
                            <td class="num">{row.line}</td>
                            <td>{column.unwrap_or("")}</td>
                            <td>{t(Text::for_import_problem(&row.problem))}</td>
                        </tr>
                    }
                    .into_any()
                },
            )}
        </section>
    }
}

/// A file of forms typed elsewhere. Without JavaScript the browser posts it; with it, the same post is
/// sent in the background so that a progress bar can show the upload.
#[component]
fn Upload() -> impl IntoView {
    let progress = RwSignal::new(None::<f64>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        upload::send(&ev, progress);
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, progress);
    };
    view! {
        <section aria-labelledby="upload-title">
            <h2 id="upload-title">{t(Text::UploadTitle)}</h2>
            <form class="stack narrow" method="post" action="/forms/paper/import" enctype="multipart/form-data"
                on:submit=on_submit>
                <label for="upload-file">{t(Text::UploadFile)}</label>
                <input id="upload-file" name="file" type="file" accept=".csv,text/csv" required/>
                <label for="upload-on-error">{t(Text::UploadOnError)}</label>
                <select id="upload-on-error" name="on_error">
                    <option value="skip">{t(Text::UploadSkip)}</option>
                    <option value="reject">{t(Text::UploadReject)}</option>
                </select>
                <button type="submit" class="secondary">{t(Text::UploadButton)}</button>
                {move || progress.get().map(|done| view! {
                    <progress max="100" value=done aria-label=t(Text::Uploading)></progress>
                })}
            </form>
            <p><a href="/nhap-lieu/mau.csv" download="zonepass-phieu-giay.csv">{t(Text::TemplateLink)}</a></p>
        </section>
    }
}

#[cfg(feature = "hydrate")]
mod upload {
    use leptos::prelude::*;
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::wasm_bindgen::JsCast;

    /// Posts the upload form as the browser would, reporting the bytes sent, then opens the page the
    /// post answered with (the report). Where the browser cannot, the form posts itself.
    pub fn send(ev: &leptos::ev::SubmitEvent, progress: RwSignal<Option<f64>>) {
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let (Ok(data), Ok(xhr)) =
            (web_sys::FormData::new_with_form(&form), web_sys::XmlHttpRequest::new())
        else {
            return;
        };
        if xhr.open("POST", &form.action()).is_err() {
            return;
        }
        ev.prevent_default();
        progress.set(Some(0.0));
        if let Ok(upload) = xhr.upload() {
            let sent = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(
                move |e: web_sys::ProgressEvent| {
                    if e.length_computable() && e.total() > 0.0 {
                        progress.set(Some((100.0 * e.loaded() / e.total()).round()));
                    }
                },
            );
            upload.set_onprogress(Some(sent.as_ref().unchecked_ref()));
            sent.forget();
        }
        let answered = xhr.clone();
        let done = Closure::<dyn FnMut()>::new(move || {
            progress.set(Some(100.0));
            let _ = window().location().set_href(&answered.response_url());
        });
        xhr.set_onload(Some(done.as_ref().unchecked_ref()));
        done.forget();
        if xhr.send_with_opt_form_data(Some(&data)).is_err() {
            progress.set(None);
        }
    }
}

/// The paper still to type at the checkpoints of an official's unit, oldest first: what a province or
/// district follows on its dashboard.
pub fn backlog_table(list: Vec<PaperBatch>) -> impl IntoView {
    batch_table(list.into_iter().filter(|b| b.untyped > 0 || b.needs_checking > 0).collect())
}
