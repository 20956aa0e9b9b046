;;; emacs_test.el --- eglot end-to-end test for editors/emacs/newsdump.el  -*- lexical-binding: t; -*-

;; Run: NEWSDUMP_LS_PATH=target/debug/newsdump-ls emacs --batch -l tests/e2e/emacs_test.el
;; Opens tests/fixtures/e2e.newsdump in `newsdump-mode', starts the real newsdump-ls with
;; `M-x eglot', and reads the outline through eglot (documentSymbol, then imenu).  Prints one
;; `ok'/`not ok' line per check; exits 1 when any failed.

;;; Code:

(require 'cl-lib)

(defconst e2e-root
  (expand-file-name "../.." (file-name-directory (or load-file-name buffer-file-name))))

(defconst e2e-headlines
  ["Nordic leaders back Arctic rail corridor study"
   "Coastal town opens floating library for summer visitors"
   "Interview: how small ports can adapt to autonomous shipping"
   "Ice season ends three weeks early on the Gulf of Bothnia"])

(defvar e2e-failed 0)

(defmacro e2e-check (name &rest body)
  "Run BODY as the check NAME; print its outcome."
  (declare (indent 1))
  `(condition-case err
       (progn ,@body
              (princ (format "ok - emacs: %s\n" ,name))
              t)
     (error
      (setq e2e-failed (1+ e2e-failed))
      (princ (format "not ok - emacs: %s: %s\n" ,name (error-message-string err)))
      nil)))

(defun e2e-expect (want got what)
  "Signal an error about WHAT unless WANT equals GOT."
  (unless (equal want got)
    (error "%s: want %S, got %S" what want got)))

(defun e2e-finish ()
  "Shut the servers down and exit with the outcome."
  (ignore-errors (mapc #'eglot-shutdown (cl-loop for servers being the hash-values
                                                 of eglot--servers-by-project
                                                 append servers)))
  (kill-emacs (if (zerop e2e-failed) 0 1)))

(load (expand-file-name "editors/emacs/newsdump.el" e2e-root) nil t)
(require 'eglot)
;; Wait for the server's answer to `initialize' instead of going on asynchronously.
(setq eglot-sync-connect t)

(e2e-check "newsdump-mode for *.newsdump and *.dump.txt"
  (e2e-expect 'newsdump-mode (assoc-default "/tmp/a.newsdump" auto-mode-alist #'string-match)
              "*.newsdump")
  (e2e-expect 'newsdump-mode (assoc-default "/tmp/scrape.dump.txt" auto-mode-alist #'string-match)
              "*.dump.txt"))

(find-file (expand-file-name "tests/fixtures/e2e.newsdump" e2e-root))

(defvar e2e-server nil)
(unless (e2e-check "M-x eglot starts newsdump-ls for the dump"
          (e2e-expect 'newsdump-mode major-mode "major mode")
          (call-interactively #'eglot)
          (setq e2e-server (eglot-current-server))
          (unless e2e-server (error "no eglot server for the buffer"))
          (e2e-expect "newsdump-ls"
                      (plist-get (eglot--server-info e2e-server) :name)
                      "server name")
          (unless (eglot--server-capable :documentSymbolProvider)
            (error "the server does not offer documentSymbol")))
  (e2e-finish))

(e2e-check "documentSymbol through eglot lists the headlines"
  (let ((symbols (jsonrpc-request e2e-server :textDocument/documentSymbol
                                  (list :textDocument (eglot--TextDocumentIdentifier)))))
    (e2e-expect e2e-headlines (cl-map 'vector (lambda (s) (plist-get s :name)) symbols)
                "headlines")))

(defun e2e-index-names (index)
  "All names in the imenu INDEX, nested or not."
  (cl-loop for (name . rest) in index
           collect name
           when (imenu--subalist-p (cons name rest)) append (e2e-index-names rest)))

(e2e-check "imenu (eglot-imenu) offers every headline"
  (require 'imenu)
  (let ((names (e2e-index-names (funcall imenu-create-index-function))))
    (cl-loop for headline across e2e-headlines
             unless (member headline names)
             do (error "%S not in the imenu index %S" headline names))))

(e2e-finish)

;;; emacs_test.el ends here
