create table t();
