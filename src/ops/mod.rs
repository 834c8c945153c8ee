//! Operations: what a rep can do, written once for both faces. Each function validates with
//! `domain`, calls `store`, and returns data; the command line prints it and the app draws it.
//! A rule lives in `domain` or here, never in a face.

pub(crate) mod archive;
pub(crate) mod assessment;
pub(crate) mod calendar;
pub mod contacts;
pub(crate) mod customer_page;
pub(crate) mod customers;
pub(crate) mod deals;
pub(crate) mod entries;
pub(crate) mod facts;
pub(crate) mod find_customer;
pub(crate) mod next_steps;
pub(crate) mod notes;
pub(crate) mod objections;
pub mod report;
mod report_stuck;
pub(crate) mod steps;
pub(crate) mod undo;
pub(crate) mod visits;
