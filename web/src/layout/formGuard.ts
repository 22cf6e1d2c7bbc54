import { App, Form } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { describeError } from '../i18n/errors';

/**
 * What every editing dialog of the console shares: closing it (or the page) with input not
 * saved asks first; a save closes without asking.
 * Use: `{...guard.props}` on the ModalForm, and `guard.saved()` before a successful onFinish
 * returns true (useEditorSubmit does it).
 */
export function useFormGuard(form: FormInstance) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [open, setOpen] = useState(false);
  const justSaved = useRef(false);
  const asking = useRef(false); // ModalForm reports one close more than once

  useEffect(() => {
    if (!open) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      if (form.isFieldsTouched()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [form, open]);

  const onOpenChange = (next: boolean) => {
    if (next || justSaved.current || !form.isFieldsTouched()) {
      justSaved.current = false;
      setOpen(next);
      return;
    }
    if (asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t('common.unsavedChanges'),
      onOk: () => setOpen(false),
      afterClose: () => {
        asking.current = false;
      },
    });
  };
  return {
    open,
    onOpenChange,
    /** The ModalForm props every editing dialog shares: spread them onto it. */
    props: {
      open,
      onOpenChange,
      modalProps: { destroyOnClose: true, maskClosable: false },
      submitter: { searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } },
    },
    saved: () => {
      justSaved.current = true;
    },
  };
}

/** Says what failed ("新增失败!" and the server's reason) and puts a 422 on its field. */
export function useFailureReport(form: FormInstance) {
  const { message } = App.useApp();
  return (prefix: string, error: unknown) => {
    if (error instanceof ApiError && error.field && form.getFieldInstance(error.field) !== undefined) {
      form.setFields([{ name: error.field, errors: [describeError(error)] }]);
    }
    message.error(`${prefix} ${describeError(error)}`);
  };
}

/**
 * The submit of an editing dialog: runs `save`, says "新增成功!" or "保存成功!", tells the
 * page (`onSaved`) and closes; on failure says what failed and keeps the dialog open.
 */
export function useEditorSubmit(form: FormInstance, guard: ReturnType<typeof useFormGuard>, onSaved: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useFailureReport(form);
  return async (adding: boolean, save: () => Promise<unknown>): Promise<boolean> => {
    try {
      await save();
      message.success(adding ? t('common.addSuccess') : t('common.saveSuccess'));
      onSaved();
      guard.saved();
      return true;
    } catch (error) {
      report(adding ? t('common.addFailed') : t('common.saveFailed'), error);
      return false;
    }
  };
}

/**
 * An editing dialog's form, unsaved-input guard and submit in one: spread `props` onto the
 * ModalForm and finish with `submit` (useEditorSubmit).
 */
export function useEditor(onSaved: () => void) {
  const [form] = Form.useForm();
  const guard = useFormGuard(form);
  const submit = useEditorSubmit(form, guard, onSaved);
  return { form, submit, props: { form, ...guard.props } };
}
