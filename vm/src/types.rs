//! The builtin type objects and the builtin exception hierarchy.

use crate::dict::DictTable;
use crate::object::{BaseKind, ObjRef, Payload, PyObject, TypeData};
use std::cell::RefCell;
use std::rc::Rc;

/// Creates a type object. `meta == None` means the class is `type` itself.
pub(crate) fn make_type(
    meta: Option<&ObjRef>,
    name: &str,
    bases: &[ObjRef],
    kind: BaseKind,
    heap: bool,
) -> ObjRef {
    let name: Rc<str> = Rc::from(name);
    let t = ObjRef::new(PyObject::new(
        meta.cloned(),
        Payload::Type(Box::new(TypeData {
            name: RefCell::new(name.clone()),
            qualname: RefCell::new(name),
            module: RefCell::new(None),
            bases: RefCell::new(bases.to_vec()),
            mro: RefCell::new(Vec::new()),
            base_kind: kind,
            heap,
            native_new: RefCell::new(None),
            dict: RefCell::new(DictTable::new()),
            pending: std::cell::Cell::new(Vec::new()),
            has_del: std::cell::Cell::new(false),
            no_dict: std::cell::Cell::new(false),
            slotted: std::cell::Cell::new(false),
            hook_flags: std::cell::Cell::new((u64::MAX, 0)),
            plain_new: std::cell::Cell::new(u64::MAX),
            plain_exc_new: std::cell::Cell::new(u64::MAX),
            inst_keys: RefCell::new(Vec::new()),
            side_dicts: std::cell::Cell::new(false),
        })),
    ));
    if let Some(td) = t.as_type() {
        let mut mro = vec![t.clone()];
        if let Some(first) = bases.first() {
            if bases.len() == 1 {
                if let Some(bt) = first.as_type() {
                    mro.extend(bt.mro.borrow().iter().cloned());
                }
            }
        }
        *td.mro.borrow_mut() = mro;
    }
    t
}

macro_rules! builtin_types {
    ($($field:ident = $name:literal : $kind:ident),* $(,)?) => {
        /// The builtin type objects the VM itself creates instances of.
        pub struct Types {
            pub object: ObjRef,
            pub type_: ObjRef,
            pub bool_: ObjRef,
            /// `types.SimpleNamespace` (kept out of `builtins`).
            pub simple_namespace: ObjRef,
            $(pub $field: ObjRef,)*
            /// The builtin exception classes.
            pub exc: ExcTypes,
            /// The one-character `str` objects U+0000..U+00FF, shared as CPython shares them
            /// (`s[i]`, iterating a str): see [`crate::Vm::char_str`].
            pub(crate) latin1_chars: Vec<crate::Value>,
        }

        impl Types {
            pub(crate) fn new() -> Types {
                let object = make_type(None, "object", &[], BaseKind::Object, false);
                let type_ = make_type(None, "type", &[object.clone()], BaseKind::Type, false);
                $(let $field = make_type(Some(&type_), $name, &[object.clone()], BaseKind::$kind, false);)*
                let exc = ExcTypes::new(&type_, &object);
                let simple_namespace = crate::proto::typesmod::make_simple_namespace(&type_, &object);
                let mut t = Types { bool_: object.clone(), simple_namespace, object, type_, $($field,)* exc, latin1_chars: Vec::new() };
                t.bool_ = make_type(Some(&t.type_), "bool", &[t.int.clone()], BaseKind::Bool, false);
                t.latin1_chars = (0u8..=255)
                    .map(|b| {
                        let mut buf = [0u8; 4];
                        let text: &str = char::from(b).encode_utf8(&mut buf);
                        crate::Value::Obj(ObjRef::new(PyObject::new(
                            Some(t.str.clone()),
                            Payload::Str(crate::object::StrData::from_text(text)),
                        )))
                    })
                    .collect();
                t
            }

            /// The iterator types of the built-in sequences, strings, dicts and sets, and the
            /// `__getitem__`-protocol iterator (their `__iter__`/`__next__` take no arguments).
            pub fn sequence_iterators(&self) -> Vec<ObjRef> {
                [
                    &self.list_iterator,
                    &self.list_reverseiterator,
                    &self.tuple_iterator,
                    &self.range_iterator,
                    &self.longrange_iterator,
                    &self.str_iterator,
                    &self.str_uiterator,
                    &self.bytes_iterator,
                    &self.dict_keyiterator,
                    &self.dict_valueiterator,
                    &self.dict_itemiterator,
                    &self.set_iterator,
                    &self.seq_iterator,
                ]
                .into_iter()
                .cloned()
                .collect()
            }

            /// Every type that is published in `builtins` under its own name.
            pub fn all(&self) -> Vec<ObjRef> {
                let mut v = vec![self.object.clone(), self.type_.clone(), self.bool_.clone()];
                $(v.push(self.$field.clone());)*
                v
            }
        }
    };
}

builtin_types! {
    int = "int": Int,
    float = "float": Float,
    complex = "complex": Complex,
    str = "str": Str,
    bytes = "bytes": Bytes,
    bytearray = "bytearray": ByteArray,
    list = "list": List,
    tuple = "tuple": Tuple,
    dict = "dict": Dict,
    set = "set": Set,
    frozenset = "frozenset": FrozenSet,
    none = "NoneType": Opaque,
    not_implemented = "NotImplementedType": Opaque,
    ellipsis = "ellipsis": Opaque,
    function = "function": Opaque,
    builtin_function = "builtin_function_or_method": Opaque,
    method_descriptor = "method_descriptor": Opaque,
    classmethod_descriptor = "classmethod_descriptor": Opaque,
    method = "method": Opaque,
    code = "code": Opaque,
    cell = "cell": Opaque,
    module = "module": Opaque,
    slice = "slice": Opaque,
    range = "range": Opaque,
    property = "property": Opaque,
    classmethod = "classmethod": Opaque,
    staticmethod = "staticmethod": Opaque,
    super_ = "super": Opaque,
    list_iterator = "list_iterator": Opaque,
    list_reverseiterator = "list_reverseiterator": Opaque,
    tuple_iterator = "tuple_iterator": Opaque,
    range_iterator = "range_iterator": Opaque,
    longrange_iterator = "longrange_iterator": Opaque,
    str_iterator = "str_ascii_iterator": Opaque,
    str_uiterator = "str_iterator": Opaque,
    bytes_iterator = "bytes_iterator": Opaque,
    dict_keys = "dict_keys": Opaque,
    dict_values = "dict_values": Opaque,
    dict_items = "dict_items": Opaque,
    dict_keyiterator = "dict_keyiterator": Opaque,
    dict_valueiterator = "dict_valueiterator": Opaque,
    dict_itemiterator = "dict_itemiterator": Opaque,
    set_iterator = "set_iterator": Opaque,
    callable_iterator = "callable_iterator": Opaque,
    seq_iterator = "iterator": Opaque,
    enumerate = "enumerate": Opaque,
    zip = "zip": Opaque,
    map = "map": Opaque,
    filter = "filter": Opaque,
    generator = "generator": Opaque,
    coroutine = "coroutine": Opaque,
    async_generator = "async_generator": Opaque,
    async_generator_asend = "async_generator_asend": Opaque,
    traceback = "traceback": Opaque,
    frame = "frame": Opaque,
    mappingproxy = "mappingproxy": Opaque,
    union_type = "UnionType": Opaque,
    member_descriptor = "member_descriptor": Opaque,
    getset_descriptor = "getset_descriptor": Opaque,
}

macro_rules! exc_types {
    ($($field:ident = $name:literal < $parent:literal),* $(,)?) => {
        /// The builtin exception classes (CPython 3.12 names and hierarchy).
        pub struct ExcTypes {
            pub base_exception: ObjRef,
            pub exception_group: ObjRef,
            $(pub $field: ObjRef,)*
        }

        impl ExcTypes {
            fn new(type_: &ObjRef, object: &ObjRef) -> ExcTypes {
                let base_exception = make_type(Some(type_), "BaseException", &[object.clone()], BaseKind::Exception, false);
                let mut made: Vec<(&'static str, ObjRef)> = vec![("BaseException", base_exception.clone())];
                $(
                    let parent = made.iter().find(|(n, _)| *n == $parent).map(|(_, t)| t.clone()).unwrap_or_else(|| base_exception.clone());
                    let $field = make_type(Some(type_), $name, &[parent], BaseKind::Exception, false);
                    made.push(($name, $field.clone()));
                )*
                let beg = made.iter().find(|(n, _)| *n == "BaseExceptionGroup").map(|(_, t)| t.clone()).unwrap_or_else(|| base_exception.clone());
                let exc = made.iter().find(|(n, _)| *n == "Exception").map(|(_, t)| t.clone()).unwrap_or_else(|| base_exception.clone());
                let exception_group = make_type(Some(type_), "ExceptionGroup", &[beg.clone(), exc.clone()], BaseKind::Exception, false);
                if let Some(td) = exception_group.as_type() {
                    *td.mro.borrow_mut() = vec![exception_group.clone(), beg, exc, base_exception.clone(), object.clone()];
                }
                ExcTypes { base_exception, exception_group, $($field,)* }
            }

            /// All exception classes, to publish in `builtins`.
            pub fn all(&self) -> Vec<ObjRef> {
                let mut v = vec![self.base_exception.clone(), self.exception_group.clone()];
                $(v.push(self.$field.clone());)*
                v
            }
        }
    };
}

exc_types! {
    base_exception_group = "BaseExceptionGroup" < "BaseException",
    generator_exit = "GeneratorExit" < "BaseException",
    keyboard_interrupt = "KeyboardInterrupt" < "BaseException",
    system_exit = "SystemExit" < "BaseException",
    exception = "Exception" < "BaseException",
    arithmetic_error = "ArithmeticError" < "Exception",
    floating_point_error = "FloatingPointError" < "ArithmeticError",
    overflow_error = "OverflowError" < "ArithmeticError",
    zero_division_error = "ZeroDivisionError" < "ArithmeticError",
    assertion_error = "AssertionError" < "Exception",
    attribute_error = "AttributeError" < "Exception",
    buffer_error = "BufferError" < "Exception",
    eof_error = "EOFError" < "Exception",
    import_error = "ImportError" < "Exception",
    module_not_found_error = "ModuleNotFoundError" < "ImportError",
    lookup_error = "LookupError" < "Exception",
    index_error = "IndexError" < "LookupError",
    key_error = "KeyError" < "LookupError",
    memory_error = "MemoryError" < "Exception",
    name_error = "NameError" < "Exception",
    unbound_local_error = "UnboundLocalError" < "NameError",
    os_error = "OSError" < "Exception",
    blocking_io_error = "BlockingIOError" < "OSError",
    child_process_error = "ChildProcessError" < "OSError",
    connection_error = "ConnectionError" < "OSError",
    broken_pipe_error = "BrokenPipeError" < "ConnectionError",
    connection_aborted_error = "ConnectionAbortedError" < "ConnectionError",
    connection_refused_error = "ConnectionRefusedError" < "ConnectionError",
    connection_reset_error = "ConnectionResetError" < "ConnectionError",
    file_exists_error = "FileExistsError" < "OSError",
    file_not_found_error = "FileNotFoundError" < "OSError",
    interrupted_error = "InterruptedError" < "OSError",
    is_a_directory_error = "IsADirectoryError" < "OSError",
    not_a_directory_error = "NotADirectoryError" < "OSError",
    permission_error = "PermissionError" < "OSError",
    process_lookup_error = "ProcessLookupError" < "OSError",
    timeout_error = "TimeoutError" < "OSError",
    reference_error = "ReferenceError" < "Exception",
    runtime_error = "RuntimeError" < "Exception",
    not_implemented_error = "NotImplementedError" < "RuntimeError",
    recursion_error = "RecursionError" < "RuntimeError",
    stop_async_iteration = "StopAsyncIteration" < "Exception",
    stop_iteration = "StopIteration" < "Exception",
    syntax_error = "SyntaxError" < "Exception",
    indentation_error = "IndentationError" < "SyntaxError",
    tab_error = "TabError" < "IndentationError",
    system_error = "SystemError" < "Exception",
    type_error = "TypeError" < "Exception",
    value_error = "ValueError" < "Exception",
    unicode_error = "UnicodeError" < "ValueError",
    unicode_decode_error = "UnicodeDecodeError" < "UnicodeError",
    unicode_encode_error = "UnicodeEncodeError" < "UnicodeError",
    unicode_translate_error = "UnicodeTranslateError" < "UnicodeError",
    warning = "Warning" < "Exception",
    bytes_warning = "BytesWarning" < "Warning",
    deprecation_warning = "DeprecationWarning" < "Warning",
    encoding_warning = "EncodingWarning" < "Warning",
    future_warning = "FutureWarning" < "Warning",
    import_warning = "ImportWarning" < "Warning",
    pending_deprecation_warning = "PendingDeprecationWarning" < "Warning",
    resource_warning = "ResourceWarning" < "Warning",
    runtime_warning = "RuntimeWarning" < "Warning",
    syntax_warning = "SyntaxWarning" < "Warning",
    unicode_warning = "UnicodeWarning" < "Warning",
    user_warning = "UserWarning" < "Warning",
}
