# Ends with an uncaught exception of a user-defined class whose __cause__
# chain holds another user exception, which itself has a __context__; one of
# them carries notes. The traceback layout on stderr is the specification.

class StorageError(Exception):
    pass

class CorruptRecord(StorageError):
    def __init__(self, record_id, detail):
        super().__init__(f"record {record_id} is corrupt: {detail}")
        self.record_id = record_id

class ImportFailed(RuntimeError):
    pass

RECORDS = {1: "alice,30", 2: "bob,x", 3: "carol,41"}

def parse(record_id):
    name, age = RECORDS[record_id].split(",")
    try:
        return name, int(age)
    except ValueError:
        raise CorruptRecord(record_id, f"age {age!r} is not a number")

def import_all(ids):
    rows = []
    for rid in ids:
        try:
            rows.append(parse(rid))
        except StorageError as e:
            e.add_note(f"while importing batch {ids}")
            raise ImportFailed(f"import stopped at record {rid} after {len(rows)} rows") from e
        print("imported", rows[-1])
    return rows

print(import_all([1, 3]))
try:
    import_all([7])
except KeyError as e:
    print("KeyError for unknown record:", e)
print("now the failing batch")
import_all([3, 1, 2])
print("not reached")
