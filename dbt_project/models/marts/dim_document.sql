{{ config(indexes=[{'columns': ['department_id', 'fiscal_year']}, {'columns': ['document_id'], 'unique': True}]) }}

select
    document_id,
    source_file,
    document_kind,
    disclosure_scope,
    department_id,
    fiscal_year,
    phase,
    source_unit,
    department_code,
    parser_version,
    loaded_at,
    is_current
from {{ ref('int_documents') }}
