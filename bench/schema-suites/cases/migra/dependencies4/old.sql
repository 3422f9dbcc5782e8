create table t2(a int);
