-- How often each coupon code was redeemed, and by which sales (a void gives its use back).
CREATE TABLE coupon_usage (
    code  TEXT PRIMARY KEY,
    used  INTEGER NOT NULL CHECK (used >= 0)
) STRICT;

CREATE TABLE coupon_redemptions (
    code     TEXT NOT NULL REFERENCES coupon_usage (code),
    sale_id  TEXT NOT NULL,
    PRIMARY KEY (code, sale_id)
) STRICT;
