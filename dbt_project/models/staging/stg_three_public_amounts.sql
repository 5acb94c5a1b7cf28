with source as (
    select * from {{ source('staging', 'three_public_amount') }}
),

renamed as (
    select
        -- ids
        document_id,
        -- classification
        table_kind,
        phase,
        item,
        -- amounts
        amount_yuan::numeric(20, 2) as amount_yuan,
        -- provenance
        page,
        line_no
    from source
)

select * from renamed
