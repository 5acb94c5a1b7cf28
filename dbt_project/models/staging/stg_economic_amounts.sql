with source as (
    select * from {{ source('staging', 'economic_amount') }}
),

renamed as (
    select
        -- ids
        document_id,
        -- classification
        table_kind,
        economic_code,
        economic_name,
        government_economic_name,
        expense_category,
        is_subtotal,
        measure,
        -- amounts
        amount_yuan::numeric(20, 2) as amount_yuan,
        -- provenance
        page,
        line_no
    from source
)

select * from renamed
