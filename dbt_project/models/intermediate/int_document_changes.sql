-- The documents a patched build rewrites (macros/incremental_documents.sql; docs/how-it-works.md): every
-- document of each department and year where a document's state differs between now (int_documents)
-- and the generation being patched (the standby dim_document in the build schema: the marts the
-- last build swapped out). A state is a document's load (loaded_at, parser) and its role (current
-- for tables or text, twin not chosen, superseded, the document chosen in its stead); a document
-- loaded, reloaded or forgotten changes it, and so does a twin or a new version that takes its role.
-- On a full build (no standby: `govfin build --full-refresh`, the first build, the one after a
-- failed build; a plain `dbt build` into the live schemas), every document.
-- depends_on: {{ ref('stg_documents') }}
{%- set build_into = var('govfin_build_into', {}) %}
{%- set standby = none %}
{%- if execute and not flags.FULL_REFRESH and 'marts' in build_into %}
    {%- set standby = adapter.get_relation(database=target.database, schema=build_into['marts'], identifier='dim_document') %}
{%- endif %}
{%- set state_columns = [
    'document_id', 'loaded_at', 'parser_version', 'department_id', 'fiscal_year', 'phase', 'document_kind',
    'document_part', 'disclosure_scope', 'source_unit', 'is_current_for_tables', 'is_current_for_text',
    'chosen_document_id', 'supersedes_document_id', 'twin_group_key',
] %}

{% if standby is none %}
    select document_id
    from {{ ref('int_documents') }}
{% else %}
with now_documents as (
    select
        {{ state_columns | join(',\n        ') }},
        document_status as status
    from {{ ref('int_documents') }}
),

standby_documents as (
    select
        {{ state_columns | join(',\n        ') }},
        status
    from {{ standby }}
),

changed as (
    (select * from now_documents except select * from standby_documents)
    union
    (select * from standby_documents except select * from now_documents)
),

touched as (
    select distinct
        department_id,
        fiscal_year
    from changed
)

select distinct d.document_id
from (
    select document_id, department_id, fiscal_year from now_documents
    union all
    select document_id, department_id, fiscal_year from standby_documents
) as d
inner join touched as t on d.department_id = t.department_id and d.fiscal_year is not distinct from t.fiscal_year
union
-- a document not loaded (failed, skipped, quarantined) feeds no mart, but its staging rows are tested
select document_id from {{ ref('stg_documents') }}
where status != 'loaded'
{% endif %}
