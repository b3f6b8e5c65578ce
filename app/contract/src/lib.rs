//! What crosses between the ZonePass server, the browser and API clients: the views pages and clients
//! read, the form shapes they post, and the stable error codes. Plain data, no I/O, shared by both builds.

pub mod dto;
pub mod error;
