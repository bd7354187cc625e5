"""Training material: handouts and quizzes built from the knowledge base."""
