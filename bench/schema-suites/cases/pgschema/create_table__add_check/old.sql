CREATE TABLE IF NOT EXISTS code (
    code integer PRIMARY KEY
);
