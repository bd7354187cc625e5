"""Who must do what, by when: conditions, SOPs, checklists, and the wording of procedure."""
