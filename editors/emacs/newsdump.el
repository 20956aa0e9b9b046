;;; newsdump.el --- Major mode for news dumps, with newsdump-ls through eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: text, languages

;;; Commentary:

;; A news dump is a plain-text file of scraped news articles.  `newsdump-mode' is a text
;; mode for them; `M-x eglot' (or `eglot-ensure' in `newsdump-mode-hook') starts the
;; newsdump-ls language server for the outline (imenu), duplicate-caption checks with
;; quick fixes, and hovers (eldoc).  Files ending in .newsdump or .dump.txt open in it.
;;
;; The server is `newsdump-server-program' if set, else the NEWSDUMP_LS_PATH environment
;; variable, else newsdump-ls on `exec-path'.  Analysis settings go in
;; `eglot-workspace-configuration', e.g.
;;   (setq-default eglot-workspace-configuration
;;                 '(:newsdump (:captionCredits ["Foto: \\S+$"])))

;;; Code:

(defgroup newsdump nil
  "News dumps: plain-text files of scraped news articles."
  :group 'text
  :prefix "newsdump-")

(defcustom newsdump-server-program nil
  "Path to the newsdump-ls binary.
When nil, use the NEWSDUMP_LS_PATH environment variable if it is set, else
newsdump-ls on `exec-path'."
  :type '(choice (const :tag "From NEWSDUMP_LS_PATH or exec-path" nil) file))

(defcustom newsdump-server-args nil
  "Extra command-line arguments for newsdump-ls."
  :type '(repeat string))

(defun newsdump-server-contact (&optional _interactive)
  "The command that starts newsdump-ls, for `eglot-server-programs'."
  (let ((env (getenv "NEWSDUMP_LS_PATH")))
    (cons (cond (newsdump-server-program)
                ((and env (not (equal env ""))) env)
                (t "newsdump-ls"))
          newsdump-server-args)))

;;;###autoload
(define-derived-mode newsdump-mode text-mode "News dump"
  "Major mode for news dumps: plain-text files of scraped news articles.
Start the language server with \\[eglot]; the outline is then in `imenu'.")

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.newsdump\\'" . newsdump-mode))
;;;###autoload
(add-to-list 'auto-mode-alist '("\\.dump\\.txt\\'" . newsdump-mode))

(defvar eglot-server-programs)

;;;###autoload
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(newsdump-mode . newsdump-server-contact)))

(provide 'newsdump)
;;; newsdump.el ends here
