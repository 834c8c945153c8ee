//! Operations: what a rep can do, written once for both faces. Each function validates with
//! `domain`, calls `store`, and returns data; the command line prints it and the app draws it.
//! A rule lives in `domain` or here, never in a face.

pub mod contacts;
pub mod customer_page;
pub mod customers;
pub mod deals;
pub mod facts;
pub mod steps;
