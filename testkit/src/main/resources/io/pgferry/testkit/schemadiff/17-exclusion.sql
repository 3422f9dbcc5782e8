-- pair exclusion: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE r (id int PRIMARY KEY, during tsrange);
-- new
CREATE TABLE r (id int PRIMARY KEY, during tsrange, EXCLUDE USING gist (during WITH &&));
