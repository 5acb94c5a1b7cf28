-- built after int_document_changes, which reads the standby's dim_document before this replaces it
-- depends_on: {{ ref('int_document_changes') }}
{{ config(indexes=[{'columns': ['department_id', 'fiscal_year']}, {'columns': ['document_id'], 'unique': True}]) }}

select
    document_id,
    source_file,
    source_root,
    document_kind,
    disclosure_scope,
    printed_scope,
    department_id,
    fiscal_year,
    phase,
    source_unit,
    department_code,
    document_part,
    publication_id,
    is_correction,
    correction_note,
    published_on,
    supersedes_document_id,
    parser_version,
    loaded_at,
    is_current,
    is_current_for_tables,
    is_current_for_text,
    document_status as status,
    twin_group_key,
    chosen_document_id
from {{ ref('int_documents') }}
