-- Calibration runs against human graders; per criterion (and language, channel) agreement and kappa.
-- A criterion whose latest run has advisory = 1 (kappa below the floor) is not counted in scores.
CREATE TABLE calibration_runs (
    id @ID@,
    at TEXT NOT NULL,
    source TEXT NOT NULL,
    kappa_floor DOUBLE PRECISION NOT NULL,
    run_by TEXT NOT NULL
);
CREATE TABLE calibration_results (
    run_id BIGINT NOT NULL REFERENCES calibration_runs(id) ON DELETE CASCADE,
    criterion TEXT NOT NULL,
    language TEXT NOT NULL,             -- '*' for all
    channel TEXT NOT NULL,              -- '*' for all
    n INTEGER NOT NULL,
    agreement DOUBLE PRECISION,
    kappa DOUBLE PRECISION,
    kappa_low DOUBLE PRECISION,
    kappa_high DOUBLE PRECISION,
    advisory INTEGER NOT NULL,
    PRIMARY KEY (run_id, criterion, language, channel)
);
