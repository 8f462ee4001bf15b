# A small bank simulation using functions and dicts (no classes): accounts,
# deposits, withdrawals, transfers, interest, an audit log and error handling.

accounts = {}
log = []
next_id = [100]

def open_account(owner, initial=0):
    if initial < 0:
        raise ValueError("initial deposit must be non-negative")
    acct_id = next_id[0]
    next_id[0] += 1
    accounts[acct_id] = {"owner": owner, "balance": initial, "history": []}
    log.append(("open", acct_id, initial))
    return acct_id

def deposit(acct_id, amount):
    if amount <= 0:
        raise ValueError(f"deposit must be positive, got {amount}")
    acct = accounts[acct_id]
    acct["balance"] += amount
    acct["history"].append(("deposit", amount))
    log.append(("deposit", acct_id, amount))
    return acct["balance"]

def withdraw(acct_id, amount):
    acct = accounts[acct_id]
    if amount > acct["balance"]:
        raise RuntimeError(f"insufficient funds in {acct_id}: balance {acct['balance']}, requested {amount}")
    acct["balance"] -= amount
    acct["history"].append(("withdraw", amount))
    log.append(("withdraw", acct_id, amount))
    return acct["balance"]

def transfer(src, dst, amount):
    withdraw(src, amount)
    try:
        deposit(dst, amount)
    except Exception:
        deposit(src, amount)
        raise
    log.append(("transfer", src, dst, amount))

def apply_interest(rate_percent):
    for acct_id in sorted(accounts):
        acct = accounts[acct_id]
        interest = acct["balance"] * rate_percent // 100
        if interest:
            acct["balance"] += interest
            acct["history"].append(("interest", interest))

def statement(acct_id):
    acct = accounts[acct_id]
    lines = [f"Account {acct_id} ({acct['owner']})"]
    for kind, amount in acct["history"]:
        lines.append(f"  {kind:<9}{amount:>8}")
    lines.append(f"  {'balance':<9}{acct['balance']:>8}")
    return "\n".join(lines)

alice = open_account("alice", 500)
bob = open_account("bob")
carol = open_account("carol", 1200)

deposit(bob, 300)
withdraw(alice, 120)
transfer(carol, alice, 250)

attempts = [
    ("withdraw too much", lambda: withdraw(bob, 1000)),
    ("negative deposit", lambda: deposit(alice, -5)),
    ("unknown account", lambda: deposit(999, 10)),
    ("bad transfer", lambda: transfer(alice, 999, 50)),
    ("negative open", lambda: open_account("dave", -1)),
]
for label, action in attempts:
    try:
        action()
        print(label, "succeeded?!")
    except (ValueError, RuntimeError) as e:
        print(f"{label}: {type(e).__name__}: {e}")
    except KeyError as e:
        print(f"{label}: unknown account {e}")

apply_interest(5)

for acct_id in (alice, bob, carol):
    print(statement(acct_id))

total = sum(a["balance"] for a in accounts.values())
richest = max(accounts, key=lambda k: accounts[k]["balance"])
print("total deposits:", total)
print("richest:", accounts[richest]["owner"], accounts[richest]["balance"])
print("log entries:", len(log))
kinds = {}
for entry in log:
    kinds[entry[0]] = kinds.get(entry[0], 0) + 1
print(kinds)
