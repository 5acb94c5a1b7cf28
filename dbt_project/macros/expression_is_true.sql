{# Generic test: every row satisfies a SQL expression (jaffle-shop's accounting identities). #}
{% test expression_is_true(model, expression) %}
select * from {{ model }} where not ({{ expression }})
{% endtest %}
