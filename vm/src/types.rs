//! The builtin type objects and the builtin exception hierarchy.

use crate::dict::DictTable;
use crate::object::{BaseKind, ObjRef, Payload, PyObject, TypeData};
use std::cell::RefCell;
use std::rc::Rc;

/// Creates a type object. `meta == None` means the class is `type` itself.
pub(crate) fn make_type(meta: Option<&ObjRef>, name: &str, bases: &[ObjRef], kind: BaseKind, heap: bool) -> ObjRef {
    let t = Rc::new(PyObject {
        class: meta.cloned(),
        payload: Payload::Type(Box::new(TypeData {
            name: RefCell::new(Rc::from(name)),
            qualname: RefCell::new(Rc::from(name)),
            module: RefCell::new(None),
            bases: RefCell::new(bases.to_vec()),
            mro: RefCell::new(Vec::new()),
            base_kind: kind,
            heap,
            native_new: RefCell::new(None),
            dict: RefCell::new(DictTable::new()),
        })),
        dict: None,
    });
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
            $(pub $field: ObjRef,)*
            /// The builtin exception classes.
            pub exc: ExcTypes,
        }

        impl Types {
            pub(crate) fn new() -> Types {
                let object = make_type(None, "object", &[], BaseKind::Object, false);
                let type_ = make_type(None, "type", &[object.clone()], BaseKind::Type, false);
                $(let $field = make_type(Some(&type_), $name, &[object.clone()], BaseKind::$kind, false);)*
                let exc = ExcTypes::new(&type_, &object);
                let mut t = Types { bool_: object.clone(), object, type_, $($field,)* exc };
                t.bool_ = make_type(Some(&t.type_), "bool", &[t.int.clone()], BaseKind::Bool, false);
                t
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
    traceback = "traceback": Opaque,
}

macro_rules! exc_types {
    ($($field:ident = $name:literal < $parent:ident),* $(,)?) => {
        /// The builtin exception classes (CPython 3.12 names and hierarchy).
        pub struct ExcTypes {
            pub base_exception: ObjRef,
            $(pub $field: ObjRef,)*
        }

        impl ExcTypes {
            fn new(type_: &ObjRef, object: &ObjRef) -> ExcTypes {
                let base_exception = make_type(Some(type_), "BaseException", &[object.clone()], BaseKind::Exception, false);
                $(let $field = make_type(Some(type_), $name, &[$parent.clone()], BaseKind::Exception, false);)*
                ExcTypes { base_exception, $($field,)* }
            }

            /// All exception classes, to publish in `builtins`.
            pub fn all(&self) -> Vec<ObjRef> {
                let mut v = vec![self.base_exception.clone()];
                $(v.push(self.$field.clone());)*
                v
            }
        }
    };
}

exc_types! {
    base_exception_group = "BaseExceptionGroup" < base_exception,
    generator_exit = "GeneratorExit" < base_exception,
    keyboard_interrupt = "KeyboardInterrupt" < base_exception,
    system_exit = "SystemExit" < base_exception,
    exception = "Exception" < base_exception,
    arithmetic_error = "ArithmeticError" < exception,
    floating_point_error = "FloatingPointError" < arithmetic_error,
    overflow_error = "OverflowError" < arithmetic_error,
    zero_division_error = "ZeroDivisionError" < arithmetic_error,
    assertion_error = "AssertionError" < exception,
    attribute_error = "AttributeError" < exception,
    buffer_error = "BufferError" < exception,
    eof_error = "EOFError" < exception,
    import_error = "ImportError" < exception,
    module_not_found_error = "ModuleNotFoundError" < import_error,
    lookup_error = "LookupError" < exception,
    index_error = "IndexError" < lookup_error,
    key_error = "KeyError" < lookup_error,
    memory_error = "MemoryError" < exception,
    name_error = "NameError" < exception,
    unbound_local_error = "UnboundLocalError" < name_error,
    os_error = "OSError" < exception,
    blocking_io_error = "BlockingIOError" < os_error,
    child_process_error = "ChildProcessError" < os_error,
    connection_error = "ConnectionError" < os_error,
    broken_pipe_error = "BrokenPipeError" < connection_error,
    connection_aborted_error = "ConnectionAbortedError" < connection_error,
    connection_refused_error = "ConnectionRefusedError" < connection_error,
    connection_reset_error = "ConnectionResetError" < connection_error,
    file_exists_error = "FileExistsError" < os_error,
    file_not_found_error = "FileNotFoundError" < os_error,
    interrupted_error = "InterruptedError" < os_error,
    is_a_directory_error = "IsADirectoryError" < os_error,
    not_a_directory_error = "NotADirectoryError" < os_error,
    permission_error = "PermissionError" < os_error,
    process_lookup_error = "ProcessLookupError" < os_error,
    timeout_error = "TimeoutError" < os_error,
    reference_error = "ReferenceError" < exception,
    runtime_error = "RuntimeError" < exception,
    not_implemented_error = "NotImplementedError" < runtime_error,
    recursion_error = "RecursionError" < runtime_error,
    stop_async_iteration = "StopAsyncIteration" < exception,
    stop_iteration = "StopIteration" < exception,
    syntax_error = "SyntaxError" < exception,
    indentation_error = "IndentationError" < syntax_error,
    tab_error = "TabError" < indentation_error,
    system_error = "SystemError" < exception,
    type_error = "TypeError" < exception,
    value_error = "ValueError" < exception,
    unicode_error = "UnicodeError" < value_error,
    unicode_decode_error = "UnicodeDecodeError" < unicode_error,
    unicode_encode_error = "UnicodeEncodeError" < unicode_error,
    unicode_translate_error = "UnicodeTranslateError" < unicode_error,
    warning = "Warning" < exception,
    bytes_warning = "BytesWarning" < warning,
    deprecation_warning = "DeprecationWarning" < warning,
    encoding_warning = "EncodingWarning" < warning,
    future_warning = "FutureWarning" < warning,
    import_warning = "ImportWarning" < warning,
    pending_deprecation_warning = "PendingDeprecationWarning" < warning,
    resource_warning = "ResourceWarning" < warning,
    runtime_warning = "RuntimeWarning" < warning,
    syntax_warning = "SyntaxWarning" < warning,
    unicode_warning = "UnicodeWarning" < warning,
    user_warning = "UserWarning" < warning,
}
