# Never imported: itertools is built into CPython (and native in pyvm).
WHO = 'local itertools'
