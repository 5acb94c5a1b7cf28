with source as (
    select * from {{ source('staging', 'project') }}
),

renamed as (
    select
        -- ids
        document_id,
        project_seq,
        -- project
        project_name,
        phase,
        sheet_layout,
        department_code,
        budget_unit,
        implementing_unit,
        -- amounts
        initial_budget_declared_yuan::numeric(20, 2) as initial_budget_declared_yuan,
        initial_budget_compiled_yuan::numeric(20, 2) as initial_budget_compiled_yuan,
        budget_full_year_yuan::numeric(20, 2) as budget_full_year_yuan,
        executed_yuan::numeric(20, 2) as executed_yuan,
        balance_yuan::numeric(20, 2) as balance_yuan,
        implementation_period_total_yuan::numeric(20, 2) as implementation_period_total_yuan,
        -- evaluation
        execution_rate,
        execution_rate_printed,
        budget_execution_score,
        score,
        grade,
        annual_goal,
        actual_result,
        -- provenance
        page,
        line_no
    from source
)

select * from renamed
