//! Integration tests: the whole router in-process, against a fresh database per test. Every test runs
//! twice, on SQLite and on PostgreSQL, through the `both_backends!` list at the bottom.

mod harness;

mod accounts;
mod api;
mod checkpoint;
mod declarations;
mod holder;
mod lists;
mod matrix;
mod migrations;
mod pages;
mod paper;
mod reconciliation;
mod registry;
mod reports;
mod retention;
#[cfg(feature = "test-clock")]
mod test_clock;
mod units;

// One subscriber for the whole test: on a single-threaded runtime every poll happens under it.
#[tokio::test(flavor = "current_thread")]
async fn the_holders_key_never_reaches_a_log() {
    holder::the_holders_key_never_reaches_a_log(harness::TestApp::new(harness::Kind::Sqlite).await)
        .await
}

macro_rules! both_backends {
    ($($module:ident :: $name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    crate::$module::$name(crate::harness::TestApp::new(crate::harness::Kind::Sqlite).await).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    crate::$module::$name(crate::harness::TestApp::new(crate::harness::Kind::Postgres).await).await
                }
            )*
        }
    };
}

both_backends! {
    lists::every_arrival_lands_in_one_commune_list_and_counts_add_up,
    lists::lists_are_handed_down_the_tree_by_the_level_above_only,
    lists::on_the_two_tier_tree_a_province_forwards_straight_to_its_communes,
    lists::a_declaration_stored_after_the_line_leaves_the_count_as_of_the_line,
    migrations::migrations_apply_to_an_empty_database_and_again_change_nothing,
    units::stored_three_tier_tree_has_hai_duong_with_twelve_districts,
    units::two_tier_tree_imports_and_can_be_made_active,
    accounts::each_demo_account_logs_in_and_sees_only_its_own_scope,
    accounts::a_disabled_account_cannot_log_in_and_loses_its_sessions,
    accounts::login_is_throttled_per_account_and_per_address,
    accounts::browser_login_sets_an_http_only_strict_cookie,
    accounts::password_change_requires_the_current_password_and_ends_other_sessions,
    accounts::only_an_administrator_creates_users_and_checkpoints,
    accounts::role_scopes_are_validated_when_creating_users,
    accounts::demo_data_twice_changes_nothing,
    accounts::the_console_operator_is_authorised_and_audited_like_any_official,
    registry::reading_a_person_writes_an_audit_row_in_scope_and_out,
    registry::bad_document_numbers_are_refused_without_touching_the_audit,
    registry::a_registry_extract_is_imported_and_a_second_import_updates_without_duplicating,
    registry::a_registry_extract_without_its_columns_or_by_a_non_administrator_stores_nothing,
    registry::a_vaccination_extract_is_imported_dose_by_dose_and_again_changes_nothing,
    reconciliation::each_arrival_is_proposed_from_the_registry_and_decided_by_the_communes_police,
    reports::a_report_counts_the_reconciled_list_and_locks_when_the_chief_approves_it,
    retention::purge_removes_the_personal_rows_and_leaves_every_report_and_dashboard_number_unchanged,
    retention::a_citizen_sees_what_is_held_on_them_with_the_phone_they_declared,
    api::session_endpoint_follows_its_contract,
    api::bearer_token_identifies_the_official_and_logout_ends_it,
    api::health_readiness_metrics_and_openapi_are_served,
    api::units_endpoint_lists_children,
    declarations::a_declaration_issues_a_signed_pass_valid_72_hours,
    declarations::a_refused_declaration_names_each_field_and_stores_nothing,
    declarations::a_retry_gets_the_same_pass_and_a_new_declaration_leaves_other_passes_alone,
    declarations::an_idempotency_key_is_bound_to_its_body_and_its_client,
    declarations::oversized_bodies_are_refused_before_they_are_read,
    declarations::passes_signed_before_a_key_rotation_still_verify,
    declarations::signing_keys_are_sealed_at_rest_and_open_only_with_their_kek,
    declarations::declarations_are_throttled_per_client,
    declarations::the_qr_image_decodes_to_the_token_with_an_independent_decoder,
    paper::a_file_of_paper_forms_is_imported_once_with_every_bad_row_named,
    paper::paper_of_someone_who_declared_online_is_linked_to_their_declaration,
    paper::a_paper_import_is_refused_whole_when_it_cannot_be_trusted,
    paper::a_typed_form_is_linked_to_the_same_trip_or_stored_once_with_a_pass,
    paper::illegible_forms_wait_and_batches_show_what_is_left_to_type,
    paper::a_file_uploaded_from_the_screen_is_imported_and_its_report_shown,
    pages::pages_render_in_vietnamese_by_default_and_english_on_request,
    pages::admin_pages_are_refused_to_other_roles,
    pages::a_pass_page_renders_without_scripts_and_marks_a_cancelled_pass,
    pages::the_declaration_form_keeps_answers_between_rounds_and_issues_a_pass,
    pages::the_place_search_works_without_scripts_and_a_result_chooses_the_commune,
    pages::form_rounds_keep_their_drafts_in_the_database_and_are_throttled,
    pages::the_service_worker_is_served_and_the_test_clock_is_not,
    pages::every_response_carries_security_headers_and_a_page_its_own_script_policy,
    checkpoint::verifying_a_pass_needs_a_checkpoint_officer_and_gives_green_amber_or_red,
    checkpoint::crossings_are_stored_once_per_client_id_and_a_bad_one_is_refused_alone,
    checkpoint::epidemic_areas_keep_their_history_and_only_an_administrator_declares_them,
    checkpoint::a_closed_checkpoints_officers_can_neither_verify_nor_record_nor_log_in,
    checkpoint::client_ids_belong_to_their_checkpoint,
    checkpoint::every_read_and_write_of_a_persons_data_at_the_checkpoint_is_audited,
    checkpoint::a_revoked_key_turns_its_passes_red_and_leaves_the_bundle,
    checkpoint::revocations_reach_devices_as_a_delta,
    matrix::every_entry_point_serves_exactly_whom_can_allows,
    holder::a_stranger_who_knows_the_id_number_cannot_cancel_or_open_the_pass,
    holder::only_the_holders_key_opens_the_pass_and_it_reaches_no_official,
    holder::the_holder_cancels_or_replaces_the_pass_from_its_page,
}
