-- One row per loaded document: how whole and how self-consistent it is. Tables found against the
-- tables its own 目录 lists, its printed identities checked and holding, the parser's warnings and
-- unreadable cells, and whether its facts are the ones the marts hold (its status). Every input is
-- aggregated per document first and joined on document_id alone.
with status as (
    select * from {{ ref('int_document_status') }}
),

documents as (
    select
        document_id,
        department_name,
        fiscal_year,
        document_kind,
        disclosure_scope,
        document_part,
        source_file,
        -- the department id of int_documents (a quarantined document may be in no intermediate model)
        left(md5(coalesce(department_key, source_file)), 16) as department_id
    from {{ ref('stg_documents') }}
),

tables_found as (
    select
        document_id,
        count(*) as tables_found,
        count(distinct table_kind) filter (where table_kind in (
            'income_expenditure_summary', 'income', 'expenditure', 'fiscal_summary',
            'general_budget_expenditure', 'basic_expenditure_economic', 'government_fund',
            'state_capital', 'three_public'
        )) as core_tables_found
    from {{ source('staging', 'document_table') }}
    group by document_id
),

issues as (
    select
        document_id,
        count(*) filter (where severity = 'warning') as warnings,
        count(*) filter (where severity = 'warning' and message like 'unreadable cell%') as unreadable_cells,
        max(substring(message from 'table of contents \(目录\) lists (\d+) tables')::integer) as tables_listed
    from {{ source('raw', 'document_issue') }}
    group by document_id
),

identities as (
    select
        document_id,
        count(*) as identities_checked,
        count(*) filter (where status = 'pass') as identities_holding
    from {{ ref('document_identities') }}
    group by document_id
)

select
    -- ids
    s.document_id,
    d.department_id,
    d.fiscal_year,
    d.document_kind,
    -- what the document is
    d.department_name,
    d.disclosure_scope,
    d.document_part,
    d.source_file,
    -- its place in the marts
    s.status,
    s.status_reason,
    s.chosen_document_id,
    s.document_id = s.chosen_document_id as is_chosen,
    -- tables
    coalesce(t.tables_found, 0)::integer as tables_found,
    i.tables_listed,
    coalesce(t.core_tables_found, 0)::integer as core_tables_found,
    -- identities
    coalesce(c.identities_checked, 0)::integer as identities_checked,
    coalesce(c.identities_holding, 0)::integer as identities_holding,
    coalesce(c.identities_checked, 0) > 0
    and c.identities_holding = c.identities_checked as all_identities_hold,
    -- parser findings
    coalesce(i.warnings, 0)::integer as warnings,
    coalesce(i.unreadable_cells, 0)::integer as unreadable_cells
from status as s
inner join documents as d using (document_id)
left join tables_found as t using (document_id)
left join issues as i using (document_id)
left join identities as c using (document_id)
