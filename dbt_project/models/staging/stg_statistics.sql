with source as (
    select * from {{ source('staging', 'statistic') }}
),

renamed as (
    select
        -- ids
        document_id,
        -- classification
        source as reported_in,
        section,
        item,
        -- amounts
        amount_yuan::numeric(20, 2) as amount_yuan,
        count_value,
        -- provenance
        page,
        line_no
    from source
)

select * from renamed
