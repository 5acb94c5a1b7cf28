"""The marts the tests build and compare: the facts and the department-year mart, and the dimensions."""

FACTS_AND_MARTS = (
    "fct_revenue",
    "fct_expenditure",
    "fct_basic_expenditure_economic",
    "fct_three_public_expenses",
    "fct_procurement",
    "fct_project_performance",
    "fct_performance_indicator",
    "mart_department_year",
)
DIMENSIONS = (
    "dim_department",
    "dim_functional_classification",
    "dim_economic_classification",
    "dim_document",
)
