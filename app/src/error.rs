//! What a server function returns on failure: the stable code only, so the browser words it itself.

use serde::{Deserialize, Serialize};

pub use contract::error::ErrorCode;

/// What a server function returns on failure: the code only, so the browser words it itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}", .code.as_str())]
pub struct AppErrorDto {
    pub code: ErrorCode,
}

impl leptos::server_fn::error::FromServerFnError for AppErrorDto {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(_: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        AppErrorDto { code: ErrorCode::Unexpected }
    }
}

#[cfg(test)]
mod tests {

    use crate::i18n::{Lang, Text};
    use contract::error::ALL_CODES;

    #[test]
    fn every_code_has_words_in_both_languages() {
        for code in ALL_CODES {
            let text = Text::for_error(code);
            assert_ne!(text.get(Lang::Vi), text.get(Lang::En));
        }
    }
}
