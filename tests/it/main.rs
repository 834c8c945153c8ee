//! Fieldbook's integration tests, in one binary so a change links once: one module per
//! area (`cli_*` run the real binary, `store_*` the store on a temporary file, `tui_*` the app on
//! a test terminal, `e2e_tmux` the real app under tmux). Shared helpers: [`common`] for the
//! command line, [`tui_support`] for the app.

mod common;
mod tui_support;

mod backup_damage;
mod cli_bad_input;
mod cli_check;
mod cli_contacts;
mod cli_customers;
mod cli_data;
mod cli_dates;
mod cli_deals;
mod cli_fix;
mod cli_help;
mod cli_input_files;
mod cli_money;
mod cli_out_files;
mod cli_report;
mod cli_sales_method;
mod cli_search_demo;
mod cli_today;
mod cli_workflow;
mod crash_safety;
mod data_paths;
mod demo_data;
mod e2e_tmux;
mod import_fuzz;
mod import_opportunities;
mod import_parsers;
mod import_real_files;
mod read_only;
mod store_core;
mod store_identity;
mod store_list_dense;
mod store_pipeline;
mod store_removal;
mod store_sales_method;
mod store_search;
mod store_today;
mod store_transfer;
mod terminal_safety;
mod tui_backup;
mod tui_brief;
mod tui_checklist;
mod tui_chrome;
mod tui_deals;
mod tui_drafts;
mod tui_fix_flows;
mod tui_flows;
mod tui_form_flows;
mod tui_forms;
mod tui_input;
mod tui_keys;
mod tui_method_flows;
mod tui_people_flows;
mod tui_playbook_override;
mod tui_profile_flows;
mod tui_record_flows;
mod tui_report;
mod tui_screens;
mod upgrade_support;
mod upgrade_v10;
mod upgrade_v7;
mod visit_loop;
