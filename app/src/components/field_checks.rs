//! A form's live field checks: which fields are wrong, the message under each, and the ARIA ties between
//! them; with the domain's own validation run in the browser as the person types.

use leptos::prelude::*;

use crate::i18n::{t, Text};
use domain::declaration::{Field, FieldError, Problem};

/// What the form shows as wrong: the server's findings at first, then the browser's own check of every
/// field the person has been through.
#[derive(Clone, Copy)]
pub struct Checks(pub RwSignal<Vec<FieldError>>);

impl Checks {
    pub fn problem(self, field: Field) -> Option<Problem> {
        self.0.with(|errors| errors.iter().find(|e| e.field == field).map(|e| e.problem))
    }

    /// The message under a field; its id ties it to the field for screen readers.
    pub fn message(self, field: Field) -> impl IntoView {
        move || {
            self.problem(field).map(|p| {
                view! { <p class="field-error" id=format!("{}-error", field.as_str())>{t(Text::for_problem(p))}</p> }
            })
        }
    }

    pub fn invalid(self, field: Field) -> impl Fn() -> Option<&'static str> + Send + Sync + Copy {
        move || self.problem(field).map(|_| "true")
    }

    pub fn described_by(self, field: Field) -> impl Fn() -> Option<String> + Send + Sync + Copy {
        move || self.problem(field).map(|_| format!("{}-error", field.as_str()))
    }
}

/// The form field an event happened in, by its name.
pub fn field_of(ev: &leptos::ev::Event) -> Option<Field> {
    use leptos::wasm_bindgen::JsCast;
    ev.target()?
        .dyn_into::<leptos::web_sys::Element>()
        .ok()?
        .get_attribute("name")
        .and_then(|name| Field::parse(&name))
}

pub fn focus(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<leptos::web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The browser's own check, with the server's validation code, of what the form holds right now: the
/// form's fields are read as the server reads the posted form, so no field is listed twice.
#[cfg(feature = "hydrate")]
pub mod live {
    use domain::declaration::{validate, FieldError};
    use leptos::web_sys::{FormData, HtmlFormElement, UrlSearchParams};

    use contract::dto::DeclarationDraft;

    pub fn check(form: &HtmlFormElement) -> Vec<FieldError> {
        let answers = FormData::new_with_form(form)
            .and_then(|data| UrlSearchParams::new_with_str_sequence_sequence(&data))
            .ok()
            .and_then(|params| DeclarationDraft::from_form(&String::from(params.to_string())).ok());
        let Some((answers, _)) = answers else {
            return Vec::new();
        };
        let today = domain::date::vietnam_date((js_sys::Date::now() / 1000.0) as i64);
        // Whether a code names a commune is the server's to say; the browser checks the rest.
        validate(&answers.input, today, |_| true).err().unwrap_or_default()
    }
}
