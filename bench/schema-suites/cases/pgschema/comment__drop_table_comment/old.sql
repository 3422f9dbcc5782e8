CREATE TABLE inventory (
    id SERIAL PRIMARY KEY,
    product_id INTEGER NOT NULL,
    quantity INTEGER NOT NULL
);

COMMENT ON TABLE inventory IS 'Product inventory tracking';
