//! A table of records as every page shows one: a caption that names it, a header per column, a row per
//! record, in a region that scrolls sideways on a small screen and is announced by its caption.

use leptos::prelude::*;

use crate::i18n::{t, Text};

/// A column's header. Numbers are right-aligned, header and cells alike.
#[derive(Clone, Copy)]
pub enum Column {
    Label(Text),
    Number(Text),
}

pub fn listing<T>(
    items: Vec<T>,
    caption_id: &'static str,
    caption: Text,
    columns: &[Column],
    row: impl Fn(T) -> AnyView,
) -> impl IntoView {
    let header = |column: &Column| match *column {
        Column::Label(label) => view! { <th scope="col">{t(label)}</th> }.into_any(),
        Column::Number(label) => view! { <th scope="col" class="num">{t(label)}</th> }.into_any(),
    };
    view! {
        <div class="table-wrap" role="region" aria-labelledby=caption_id tabindex="0">
            <table>
                <caption id=caption_id>{t(caption)}</caption>
                <thead>
                    <tr>{columns.iter().map(header).collect_view()}</tr>
                </thead>
                <tbody>{items.into_iter().map(row).collect_view()}</tbody>
            </table>
        </div>
    }
}
